/**
 * Parameter `index` (0 to 3, a constant at every call site) of type T (f64 or f32) from `at`, in every lane of a
 * v128: the index becomes the load's immediate offset, so that a walk down a packed triangle adds nothing per load.
 */
@inline export function splatParameter<T>(at: usize, index: i32 = 0): v128 {
  if (sizeof<T>() == 8) {
    if (index == 0) return v128.load64_splat(at);
    if (index == 1) return v128.load64_splat(at, 8);
    if (index == 2) return v128.load64_splat(at, 16);
    return v128.load64_splat(at, 24);
  }
  if (index == 0) return v128.load32_splat(at);
  if (index == 1) return v128.load32_splat(at, 4);
  if (index == 2) return v128.load32_splat(at, 8);
  return v128.load32_splat(at, 12);
}
