import type { Product, StockState } from '../../modules/catalog/index.js'
import type { Closure, OpeningRange, Shop, ShopKind } from '../../modules/shops/index.js'
import { formatTimeOfDay } from '../../lib/zoned-time.js'
import { absoluteUrl, productPath, shopPath, type Crumb } from './storefront-shell.js'

/** schema.org data for search engines (UX-28): pure builders, serialized by the layout's jsonLdScript. */

const BUSINESS_TYPES: Record<ShopKind, string> = {
  boulangerie: 'Bakery',
  fromagerie: 'GroceryStore',
  epicerie: 'GroceryStore',
  librairie: 'BookStore',
  caviste: 'LiquorStore',
  fleuriste: 'Florist',
  cycles: 'BikeStore',
  restaurant: 'Restaurant',
  coiffure: 'HairSalon',
  boucherie: 'ButcherShop',
  autre: 'LocalBusiness',
}

export const businessType = (kind: ShopKind): string => BUSINESS_TYPES[kind] ?? 'LocalBusiness'

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/** Our "end of day" is minute 1440; schema.org times stop at 23:59 (Google's convention for "until midnight"). */
const schemaTime = (minute: number) => (minute >= 1440 ? '23:59' : formatTimeOfDay(minute))

export function localBusinessJsonLd(
  shop: Shop,
  hours: readonly OpeningRange[],
  closures: readonly Closure[],
  publicUrl: string,
) {
  return {
    '@context': 'https://schema.org',
    '@type': businessType(shop.kind),
    '@id': `${absoluteUrl(publicUrl, shopPath(shop.slug))}#commerce`,
    name: shop.name,
    ...(shop.description || shop.tagline ? { description: shop.description || shop.tagline } : {}),
    url: absoluteUrl(publicUrl, shopPath(shop.slug)),
    address: {
      '@type': 'PostalAddress',
      streetAddress: shop.address.street,
      postalCode: shop.address.postalCode,
      addressLocality: shop.address.city,
      addressCountry: 'FR',
    },
    ...(shop.phone ? { telephone: shop.phone } : {}),
    ...(shop.email ? { email: shop.email } : {}),
    ...(shop.geo
      ? { geo: { '@type': 'GeoCoordinates', latitude: shop.geo.latitude, longitude: shop.geo.longitude } }
      : {}),
    // One entry per range, so a lunch break is two entries on the same day (UX-06).
    openingHoursSpecification: hours.map((r) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: `https://schema.org/${DAYS[r.weekday - 1] ?? 'Monday'}`,
      opens: schemaTime(r.opensMinute),
      closes: schemaTime(r.closesMinute),
    })),
    // A closure is "opens = closes = 00:00" over its dates: schema.org's way of saying closed.
    ...(closures.length > 0
      ? {
          specialOpeningHoursSpecification: closures.map((c) => ({
            '@type': 'OpeningHoursSpecification',
            validFrom: c.startsOn,
            validThrough: c.endsOn,
            opens: '00:00',
            closes: '00:00',
          })),
        }
      : {}),
  }
}

/**
 * An Offer's availability only claims what we know: "in stock" only for a fresh count (UX-01). Unknown
 * stock and services (booked by slot, not stock) carry no availability rather than a claim we cannot back.
 */
const AVAILABILITY: Partial<Record<StockState, string>> = {
  in_stock: 'https://schema.org/InStock',
  limited: 'https://schema.org/LimitedAvailability',
  out_of_stock: 'https://schema.org/OutOfStock',
}

/** 1250 → "12.50": schema.org wants a plain decimal, not the French "12,50 €". */
export const decimalPrice = (cents: number) =>
  `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`

export function productJsonLd(
  product: Product,
  shop: Shop,
  states: readonly StockState[],
  publicUrl: string,
  categoryName?: string,
) {
  const url = absoluteUrl(publicUrl, productPath(shop.slug, product.slug))
  const images = product.photos.map((p) =>
    absoluteUrl(publicUrl, `/media/${p.id}-${p.widths.at(-1) ?? 320}.webp`),
  )
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    ...(product.description ? { description: product.description } : {}),
    url,
    ...(images.length > 0 ? { image: images } : {}),
    ...(categoryName ? { category: categoryName } : {}),
    offers: product.variants.map((v, i) => {
      const availability = AVAILABILITY[states[i] ?? 'unknown']
      return {
        '@type': 'Offer',
        name: v.name,
        ...(v.sku ? { sku: v.sku } : {}),
        price: decimalPrice(v.priceCents),
        priceCurrency: 'EUR',
        ...(availability ? { availability } : {}),
        url,
        seller: {
          '@type': businessType(shop.kind),
          '@id': `${absoluteUrl(publicUrl, shopPath(shop.slug))}#commerce`,
          name: shop.name,
        },
      }
    }),
  }
}

export function breadcrumbJsonLd(crumbs: readonly Crumb[], publicUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.label,
      ...(c.href ? { item: absoluteUrl(publicUrl, c.href) } : {}),
    })),
  }
}
