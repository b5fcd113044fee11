/**
 * The code of an E-step worker, as a string so that Node (`eval: true`) and browsers (a Blob URL) start it the
 * same way, with no file to resolve. It instantiates the kernel module on the main thread's shared memory and
 * only calls E-step exports on pointers it is given: it never allocates (AssemblyScript's allocator is not
 * thread-safe). Messages in: { module, memory } once, then { name, chunks, control } (ChunkCalls and the shared
 * control block of claim-chunks.ts): it claims chunks as claimChunks does (written out again here), then sets FAILED
 * if an export threw and adds 1 to FINISHED, either way.
 * Out: { ok, value } (value: the chunks it ran) or { ok: false, error }.
 */
export const WORKER_SOURCE = `
const port = typeof self === 'undefined' ? require('node:worker_threads').parentPort : self;
const NEXT = 0, FINISHED = 1, FAILED = 2, RESULTS = 16;
let kernel;
function claimChunks({ name, chunks, control }) {
  const slots = new Int32Array(control, 0, RESULTS / 4);
  const results = new Float64Array(control, RESULTS, chunks.length);
  let ran = 0;
  try {
    for (let c = Atomics.add(slots, NEXT, 1); c < chunks.length; c = Atomics.add(slots, NEXT, 1)) {
      results[c] = kernel[name](...chunks[c]);
      ran++;
    }
  } catch (error) {
    Atomics.store(slots, FAILED, 1);
    throw error;
  } finally {
    Atomics.add(slots, FINISHED, 1);
  }
  return ran;
}
function handle(message) {
  try {
    if (message.module) {
      kernel = new WebAssembly.Instance(message.module, { env: { memory: message.memory } }).exports;
      port.postMessage({ ok: true, value: 0 });
    } else {
      port.postMessage({ ok: true, value: claimChunks(message) });
    }
  } catch (error) {
    port.postMessage({ ok: false, error: String(error && error.stack || error) });
  }
}
if (port.on) port.on('message', handle);
else port.addEventListener('message', (event) => handle(event.data));
`;
