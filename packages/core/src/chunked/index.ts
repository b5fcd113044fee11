export { fitChunked } from './fit-chunked.js';
export type { ChunkedFitOptions } from './options.js';
export type { RowBlock, RowSource } from './source.js';
