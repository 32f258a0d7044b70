import type {
  CategoriesTable,
  ProductMediaTable,
  ProductsTable,
  SearchTermsTable,
  StockLevelsTable,
  VariantsTable,
} from './catalog.js'
import type { AuditLogTable, SessionsTable, ShopStaffTable, UsersTable } from './identity.js'
import type {
  BasketLinesTable,
  BasketsTable,
  CheckoutsTable,
  MailMessagesTable,
  OrderEventsTable,
  OrderLineChangesTable,
  OrderLinesTable,
  OrdersTable,
  OutboxTable,
  PaymentOperationsTable,
  PaymentsTable,
  SlotLoadsTable,
  TestCardChargesTable,
  TestCardRequestsTable,
} from './ordering.js'
import type { ClosuresTable, OpeningHoursTable, ShopsTable } from './shops.js'
import type {
  AgendaFeedsTable,
  BookableServicesTable,
  BookingCellsTable,
  BookingShopSettingsTable,
  BookingResourcesTable,
  BookingsTable,
  ResourceAbsencesTable,
  ResourceHoursTable,
  ServicePartyDurationsTable,
  ServiceResourcesTable,
} from './bookings.js'
import type { DropEntriesTable, DropHoldsTable, DropOffersTable, DropsTable } from './drops.js'
import type { BookingEventsTable, EventRegistrationsTable } from './events.js'

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
  baskets: BasketsTable
  basket_lines: BasketLinesTable
  checkouts: CheckoutsTable
  orders: OrdersTable
  order_lines: OrderLinesTable
  order_events: OrderEventsTable
  order_line_changes: OrderLineChangesTable
  slot_loads: SlotLoadsTable
  payments: PaymentsTable
  payment_operations: PaymentOperationsTable
  test_card_charges: TestCardChargesTable
  test_card_requests: TestCardRequestsTable
  outbox: OutboxTable
  mail_messages: MailMessagesTable
  drops: DropsTable
  drop_entries: DropEntriesTable
  drop_holds: DropHoldsTable
  drop_offers: DropOffersTable
  booking_resources: BookingResourcesTable
  resource_hours: ResourceHoursTable
  resource_absences: ResourceAbsencesTable
  bookable_services: BookableServicesTable
  service_resources: ServiceResourcesTable
  service_party_durations: ServicePartyDurationsTable
  booking_shop_settings: BookingShopSettingsTable
  bookings: BookingsTable
  booking_cells: BookingCellsTable
  agenda_feeds: AgendaFeedsTable
  booking_events: BookingEventsTable
  event_registrations: EventRegistrationsTable
}
