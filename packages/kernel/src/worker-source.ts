/**
 * The code of an E-step worker, as a string so that Node (`eval: true`) and browsers (a Blob URL) start it the
 * same way, with no file to resolve. It instantiates the kernel module on the main thread's shared memory and
 * only calls E-step exports on pointers it is given: it never allocates (AssemblyScript's allocator is not
 * thread-safe). Messages in: { module, memory } once, then { name, args }; out: { ok, value } or { ok: false, error }.
 */
export const WORKER_SOURCE = `
const port = typeof self === 'undefined' ? require('node:worker_threads').parentPort : self;
let kernel;
function handle(message) {
  try {
    if (message.module) {
      kernel = new WebAssembly.Instance(message.module, { env: { memory: message.memory } }).exports;
      port.postMessage({ ok: true, value: 0 });
    } else {
      port.postMessage({ ok: true, value: kernel[message.name](...message.args) });
    }
  } catch (error) {
    port.postMessage({ ok: false, error: String(error && error.stack || error) });
  }
}
if (port.on) port.on('message', handle);
else port.addEventListener('message', (event) => handle(event.data));
`;
