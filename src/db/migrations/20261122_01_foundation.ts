import { sql, type Kysely } from 'kysely'
import { engineOf, type Db } from '../index.js'

// Times are ISO-8601 UTC text on both engines (they sort as text); money is integer cents.
export async function up(anyDb: Kysely<unknown>): Promise<void> {
  const db = anyDb as unknown as Db
  const isPostgres = engineOf(db) === 'postgres'

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('resident', 'coordinator')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('shops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('tagline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Paris'))
    .addColumn('siret', 'text')
    .addColumn('vat_number', 'text')
    .addColumn('pickup_instructions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('stock_freshness_hours', 'integer', (c) => c.notNull().defaultTo(48))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('shop_staff')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'staff')`))
    .addPrimaryKeyConstraint('shop_staff_pk', ['shop_id', 'user_id'])
    .execute()
  await db.schema.createIndex('shop_staff_user').on('shop_staff').column('user_id').execute()

  await db.schema
    .createTable('opening_hours')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('opens_minute', 'integer', (c) => c.notNull())
    .addColumn('closes_minute', 'integer', (c) => c.notNull())
    .addCheckConstraint(
      'opening_hours_range',
      sql`opens_minute >= 0 and opens_minute < closes_minute and closes_minute <= 1440`,
    )
    .execute()
  await db.schema
    .createIndex('opening_hours_shop')
    .on('opening_hours')
    .columns(['shop_id', 'weekday'])
    .execute()

  await db.schema
    .createTable('closures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addCheckConstraint('closures_range', sql`starts_on <= ends_on`)
    .execute()
  await db.schema.createIndex('closures_shop').on('closures').columns(['shop_id', 'ends_on']).execute()

  await db.schema
    .createTable('categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  let products = db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('category_id', 'text', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('product', 'service')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('vat_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('published', 'hidden')`))
    .addColumn('from_price_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_document', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('products_shop_slug', ['shop_id', 'slug'])
  if (isPostgres) {
    products = products.addColumn('search_vector', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('simple', search_document)`).stored(),
    )
  }
  await products.execute()
  await db.schema
    .createIndex('products_shop_status')
    .on('products')
    .columns(['shop_id', 'status', 'name'])
    .execute()
  await db.schema.createIndex('products_category').on('products').columns(['category_id', 'status']).execute()
  await db.schema
    .createIndex('products_status_created')
    .on('products')
    .columns(['status', 'created_at'])
    .execute()

  if (isPostgres) {
    await sql`create index products_search on products using gin (search_vector)`.execute(db)
  } else {
    // External-content FTS5 over products.search_document, kept in step by triggers.
    await sql`create virtual table products_fts using fts5(search_document, content='products', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    )
    await sql`create trigger products_fts_insert after insert on products begin
      insert into products_fts(rowid, search_document) values (new.rowid, new.search_document); end`.execute(
      db,
    )
    await sql`create trigger products_fts_delete after delete on products begin
      insert into products_fts(products_fts, rowid, search_document) values ('delete', old.rowid, old.search_document); end`.execute(
      db,
    )
    await sql`create trigger products_fts_update after update of search_document on products begin
      insert into products_fts(products_fts, rowid, search_document) values ('delete', old.rowid, old.search_document);
      insert into products_fts(rowid, search_document) values (new.rowid, new.search_document); end`.execute(
      db,
    )
  }

  await db.schema
    .createTable('variants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('price_cents', 'integer', (c) => c.notNull().check(sql`price_cents >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_minutes', 'integer')
    .addColumn('tracks_stock', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('variants_product').on('variants').columns(['product_id', 'position']).execute()

  await db.schema
    .createTable('stock_levels')
    .addColumn('variant_id', 'text', (c) => c.primaryKey().references('variants.id').onDelete('cascade'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('on_hand', 'integer', (c) => c.notNull())
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('stock_levels_reserved_in_range', sql`reserved >= 0 and reserved <= on_hand`)
    .execute()

  await db.schema
    .createTable('product_media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('widths', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('product_media_product')
    .on('product_media')
    .columns(['product_id', 'position'])
    .execute()

  await db.schema
    .createTable('search_terms')
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_terms_pk', ['variant', 'term'])
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('shop_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema.createIndex('audit_log_shop').on('audit_log').columns(['shop_id', 'at']).execute()
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration is not reversible')
}
