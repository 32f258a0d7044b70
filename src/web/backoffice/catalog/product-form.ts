import type { CategoryId, VariantId } from '../../../lib/ids.js'
import { parseEuros } from '../../../lib/money.js'
import type {
  Product,
  ProductInput,
  VariantInput,
  WithdrawalException,
} from '../../../modules/catalog/index.js'
import { text, wholeNumber, type FormBody } from '../../forms.js'

/** Empty rows offered under the existing variants, to add new ones without script. */
const NEW_ROWS = 2
// Upper bound of rows read from a form: the catalog allows 30 variants, plus the empty rows.
const MAX_ROWS = 40

export interface VariantRow {
  id: string
  name: string
  price: string
  sku: string
  onHand: string
  /** The count the form was shown with: an unchanged count is not written back (see toProductInput). */
  onHandWas: string
  duration: string
  remove: boolean
  confirm: boolean
}

export interface ProductValues {
  name: string
  description: string
  kind: string
  categoryId: string
  vatRateBp: string
  status: string
  /** '' when the 14-day withdrawal right applies, else the exception (LAW F3). */
  withdrawalException: string
  rows: VariantRow[]
}

/** Row field names: v<row>_<field>. Error keys use the same names, so each message sits by its input. */
export const rowKey = (row: number, f: keyof VariantRow) => `v${row}_${f}`

const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',')

function emptyRow(): VariantRow {
  return {
    id: '',
    name: '',
    price: '',
    sku: '',
    onHand: '',
    onHandWas: '',
    duration: '',
    remove: false,
    confirm: false,
  }
}

export function productValuesOf(product: Product): ProductValues {
  return {
    name: product.name,
    description: product.description,
    kind: product.kind,
    categoryId: product.categoryId ?? '',
    vatRateBp: String(product.vatRateBp),
    status: product.status,
    withdrawalException: product.withdrawalException ?? '',
    rows: [
      ...product.variants.map((v) => ({
        ...emptyRow(),
        id: v.id,
        name: v.name,
        price: euros(v.priceCents),
        sku: v.sku ?? '',
        onHand: v.stock ? String(v.stock.onHand) : '',
        onHandWas: v.stock ? String(v.stock.onHand) : '',
        duration: v.durationMinutes !== undefined ? String(v.durationMinutes) : '',
      })),
      ...Array.from({ length: NEW_ROWS }, emptyRow),
    ],
  }
}

export function readProductValues(body: FormBody): ProductValues {
  const rows: VariantRow[] = []
  for (let i = 0; i < MAX_ROWS; i++) {
    if (!(rowKey(i, 'name') in body) && !(rowKey(i, 'id') in body)) break
    rows.push({
      id: text(body, rowKey(i, 'id'), 40),
      name: text(body, rowKey(i, 'name'), 100),
      price: text(body, rowKey(i, 'price'), 30),
      sku: text(body, rowKey(i, 'sku'), 60),
      onHand: text(body, rowKey(i, 'onHand'), 30),
      onHandWas: text(body, rowKey(i, 'onHandWas'), 30),
      duration: text(body, rowKey(i, 'duration'), 30),
      remove: text(body, rowKey(i, 'remove'), 10) !== '',
      confirm: text(body, rowKey(i, 'confirm'), 10) !== '',
    })
  }
  return {
    name: text(body, 'name', 200),
    description: text(body, 'description', 6000),
    kind: text(body, 'kind', 20),
    categoryId: text(body, 'categoryId', 40),
    vatRateBp: text(body, 'vatRateBp', 10),
    status: text(body, 'status', 20),
    withdrawalException: text(body, 'withdrawalException', 30),
    rows,
  }
}

/**
 * The catalog's input, and for each of its variants the form row it came from (removed and blank rows
 * are not sent), so the module's "variants[2].onHand" can be shown next to the right row.
 */
export function toProductInput(v: ProductValues): { input: ProductInput; rowOf: number[] } {
  const variants: VariantInput[] = []
  const rowOf: number[] = []
  v.rows.forEach((row, i) => {
    if (row.remove && row.id) return
    const blank = !row.id && [row.name, row.price, row.sku, row.onHand, row.duration].every((s) => !s.trim())
    if (blank) return
    // A count left as shown is not written back: a sale made while the form was open must not be undone
    // by an old number. Ticking "confirmer" writes it anyway, which also dates the count (UX-01).
    const typed = wholeNumber(row.onHand)
    const unchanged = row.id !== '' && row.onHand.trim() === row.onHandWas.trim() && !row.confirm
    variants.push({
      id: (row.id || undefined) as VariantId | undefined,
      name: row.name,
      priceCents: row.price.trim() ? (parseEuros(row.price) ?? Number.NaN) : Number.NaN,
      sku: row.sku.trim() || undefined,
      onHand: v.kind === 'service' || unchanged ? undefined : typed,
      durationMinutes: v.kind === 'service' ? wholeNumber(row.duration) : undefined,
    })
    rowOf.push(i)
  })
  return {
    input: {
      name: v.name,
      description: v.description,
      kind: v.kind as ProductInput['kind'],
      categoryId: (v.categoryId || undefined) as CategoryId | undefined,
      vatRateBp: v.vatRateBp.trim() ? Number(v.vatRateBp) : Number.NaN,
      status: v.status as ProductInput['status'],
      // The catalog refuses an unknown value (invalid_withdrawal_exception); '' means the right applies.
      withdrawalException: (v.withdrawalException.trim() || undefined) as WithdrawalException | undefined,
      variants,
    },
    rowOf,
  }
}

const MODULE_FIELDS: Record<string, keyof VariantRow> = {
  name: 'name',
  priceCents: 'price',
  sku: 'sku',
  onHand: 'onHand',
  durationMinutes: 'duration',
  id: 'name',
}

/** "variants[1].priceCents" → the price input of the form row that variant came from. */
export function formFieldOf(rowOf: readonly number[]): (field: string) => string {
  return (field) => {
    const match = /^variants\[(\d+)\](?:\.(\w+))?$/.exec(field)
    if (!match) return field
    const row = rowOf[Number(match[1])]
    const target = MODULE_FIELDS[match[2] ?? '']
    return row !== undefined && target ? rowKey(row, target) : 'variants'
  }
}
