import type { CategoriesTable, ProductMediaTable, ProductsTable, SearchTermsTable, StockLevelsTable, VariantsTable } from './catalog.js'
import type { AuditLogTable, SessionsTable, ShopStaffTable, UsersTable } from './identity.js'
import type { ClosuresTable, OpeningHoursTable, ShopsTable } from './shops.js'

export interface Database {
  shops: ShopsTable
  opening_hours: OpeningHoursTable
  closures: ClosuresTable
  categories: CategoriesTable
  products: ProductsTable
  variants: VariantsTable
  stock_levels: StockLevelsTable
  product_media: ProductMediaTable
  search_terms: SearchTermsTable
  users: UsersTable
  shop_staff: ShopStaffTable
  sessions: SessionsTable
  audit_log: AuditLogTable
}
