export { OnlineGaussianMixture } from './online-mixture.js';
export { ONLINE_DEFAULTS, type OnlineOptions } from './options.js';
