// Covariance kinds as the JS glue passes them; each is a compile-time constant inside the kernels,
// so the `kind` branches of the @inline helpers fold away in every exported entry point.
export const FULL: i32 = 0;
export const TIED: i32 = 1;
export const DIAG: i32 = 2;
export const SPHERICAL: i32 = 3;

// Sizes are generic: i32 inside the kernels, f64 where the JS glue asks for a size that may not fit in 32 bits.

/** Length of the packed upper triangle of a d×d matrix. */
@inline export function packedSize<T>(d: T): T {
  return (d * (d + <T>1)) / <T>2;
}

/** Number of f64 in `precChol` and in `Q` for a kind (both have one entry per covariance parameter). */
@inline export function parameterSize<T>(kind: i32, k: T, d: T): T {
  if (kind == FULL) return k * packedSize<T>(d);
  if (kind == TIED) return packedSize<T>(d);
  if (kind == DIAG) return k * d;
  return k;
}

/** Slots of the statistics N, S, Q for (kind, k, d), back to back. */
@inline export function statsSlots<T>(kind: i32, k: T, d: T): T {
  return k + k * d + parameterSize<T>(kind, k, d);
}
