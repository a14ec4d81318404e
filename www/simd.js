// Which build of the analysis module this browser runs. `make build` compiles it twice: with
// WebAssembly SIMD (report_analyzer_simd_bg.wasm: memchr's vector searches and LLVM's vectorized
// loops, 5–9% faster in V8) and without (report_analyzer_bg.wasm) for engines that lack SIMD (Chrome
// and Edge before 91, Firefox before 89, Safari before 16.4). Both have the same exports and load with
// the same JS glue, pkg/report_analyzer.js. (The custom element carries its own copy of this test, so
// that a portal needs only that one file besides pkg/.)

// A module of one function that returns a v128 (i8x16.splat, i8x16.popcnt): valid only where SIMD is.
const PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** True when this engine runs WebAssembly SIMD. */
export const simd = (() => {
  try {
    return WebAssembly.validate(PROBE);
  } catch {
    return false;
  }
})();

/** The wasm files of module `name` in the pkg folder `pkg` (a URL), in the order to try them: the
 * analysis module's SIMD build first where the engine validates SIMD code, then the baseline build,
 * which still works if the SIMD one cannot be fetched or compiled. */
export const wasmUrls = (name, pkg) => {
  const baseline = new URL(`${name}_bg.wasm`, pkg);
  return name === "report_analyzer" && simd ? [new URL("report_analyzer_simd_bg.wasm", pkg), baseline] : [baseline];
};

/** `load(url)` for the first of `urls` that loads, or the first error when none does. */
export async function firstThatLoads(urls, load) {
  let error = null;
  for (const url of urls) {
    try {
      return await load(url);
    } catch (e) {
      error ??= e;
    }
  }
  throw error;
}
