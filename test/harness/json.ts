/**
 * A parsed JSON answer (API body, server-sent event, JSON-LD) as tests and benchmarks read it: freely, with
 * the assertion that follows as the check of its shape. The one `any` on purpose; the source code has none.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Json = any
