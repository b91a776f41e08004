// What the store's errors mean to a use case. Read by code, not by class: a driver adapter or an
// interactive transaction may hand the error over re-wrapped, and core need not import Prisma's runtime.

/**
 * A unique constraint refused the write (Prisma P2002): most often a platform delivered one request
 * twice and the other delivery saved it first.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
