/**
 * Inventory: units held for orders. Invariants: 0 ≤ reserved ≤ on_hand for every variant, kept by
 * conditional updates and a check constraint, never by reading then writing; a hold covers all the lines
 * of a checkout or none. The counts themselves are set by the catalog (`setVariantStock`).
 */
export { holdStock, releaseStock, consumeStock, type StockLine } from './holds.js'
