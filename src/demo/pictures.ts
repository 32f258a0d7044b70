import sharp from 'sharp'
import type { CategoryKey } from './categories.js'

/**
 * Source size of the generated pictures; the photo pipeline derives the served widths (320, 640) from it.
 * 640 rather than 800 halves the resizing work of the seed (two WebP widths instead of three).
 */
const PICTURE_WIDTH = 640
const PICTURE_HEIGHT = 480

interface Style {
  /** Background gradient, top-left to bottom-right. */
  from: string
  to: string
  /** The drawing's main colour and its highlight. */
  ink: string
  accent: string
  motif: keyof typeof MOTIFS
}

// Warm, light backgrounds with dark ink: the dark product name stays readable on every one.
const STYLES: Record<CategoryKey, Style> = {
  pains: { from: '#f8e7c9', to: '#eccb94', ink: '#b07132', accent: '#f3d9a8', motif: 'bread' },
  patisseries: { from: '#fbe3e0', to: '#f1c2b8', ink: '#8c4a3c', accent: '#fff3e6', motif: 'cake' },
  fromages: { from: '#fdf1c7', to: '#f3da85', ink: '#d9a520', accent: '#fbe7a1', motif: 'cheese' },
  cremerie: { from: '#f5f0e4', to: '#e5dac0', ink: '#9a8a6a', accent: '#ffffff', motif: 'bottle' },
  boucherie: { from: '#f7ddd5', to: '#e9b3a4', ink: '#a3402f', accent: '#f8e4dc', motif: 'steak' },
  traiteur: { from: '#f6e2cf', to: '#e7c09b', ink: '#8d4e2a', accent: '#f2cfae', motif: 'pot' },
  epicerie: { from: '#f3e8d2', to: '#dfc69b', ink: '#8a6a3a', accent: '#c94f3d', motif: 'jar' },
  fruits: { from: '#eef0d2', to: '#d6dba0', ink: '#c1442e', accent: '#5f8a3a', motif: 'apple' },
  vins: { from: '#f3dfe2', to: '#dcb0b8', ink: '#6e1f31', accent: '#efd7a8', motif: 'wine' },
  boissons: { from: '#fbeccb', to: '#f0cf8a', ink: '#b9822a', accent: '#fffaf0', motif: 'mug' },
  livres: { from: '#efe6da', to: '#d9c6ad', ink: '#6b4a2e', accent: '#fbf6ee', motif: 'book' },
  papeterie: { from: '#f1e9dc', to: '#ddcdb4', ink: '#3f5f7a', accent: '#e8b04a', motif: 'pencil' },
  fleurs: { from: '#fbe6ea', to: '#f2c0ca', ink: '#c2496b', accent: '#6e9a4a', motif: 'flower' },
  velos: { from: '#f4e6d4', to: '#e3c39c', ink: '#5a4636', accent: '#d2692f', motif: 'bike' },
  reparations: { from: '#efe5d8', to: '#d8c2a6', ink: '#6a5a4a', accent: '#efe5d8', motif: 'gear' },
  restaurant: { from: '#f7e9d7', to: '#e9c9a4', ink: '#7a5237', accent: '#ffffff', motif: 'plate' },
  ateliers: { from: '#f9ecd6', to: '#efd0a0', ink: '#8a5a2b', accent: '#fff8ec', motif: 'hat' },
  coiffure: { from: '#f6e4dc', to: '#e6c0ad', ink: '#5e4a44', accent: '#f6e4dc', motif: 'scissors' },
  soins: { from: '#f4e8e0', to: '#e2c9b8', ink: '#9a6a58', accent: '#fff7f2', motif: 'flask' },
}

/** Simple drawings in a 200 × 200 box centred on the origin, filled with the ink colour. */
const MOTIFS = {
  bread: (s: Style) =>
    `<g transform="rotate(-18)"><ellipse rx="105" ry="34"/>${[-60, -20, 20, 60].map((x) => `<path d="M${x - 12} -14 L${x + 12} 14" stroke="${s.accent}" stroke-width="8" stroke-linecap="round"/>`).join('')}</g>`,
  cake: (s: Style) =>
    `<rect x="-85" y="-20" width="170" height="85" rx="10"/><ellipse cy="-20" rx="85" ry="22" fill="${s.accent}"/><rect x="-85" y="15" width="170" height="10" fill="${s.accent}"/><circle cy="-52" r="15" fill="#c0392b"/>`,
  cheese: (s: Style) =>
    `<path d="M-100 65 H100 V-45 Z"/><circle cx="55" cy="35" r="14" fill="${s.accent}"/><circle cx="75" cy="-8" r="9" fill="${s.accent}"/><circle cx="10" cy="52" r="8" fill="${s.accent}"/>`,
  bottle: (s: Style) =>
    `<path d="M-28 -95 H28 V-62 Q62 -42 62 -5 V90 H-62 V-5 Q-62 -42 -28 -62 Z"/><rect x="-45" y="5" width="90" height="50" rx="6" fill="${s.accent}"/>`,
  steak: (s: Style) =>
    `<ellipse rx="100" ry="66"/><path d="M-85 -20 Q0 -75 85 -15" stroke="${s.accent}" stroke-width="10" fill="none"/><ellipse cx="-38" cy="12" rx="20" ry="15" fill="${s.accent}"/>`,
  pot: (s: Style) =>
    `<rect x="-85" y="-15" width="170" height="90" rx="20"/><rect x="-105" y="-5" width="30" height="14" rx="7"/><rect x="75" y="-5" width="30" height="14" rx="7"/><rect x="-95" y="-35" width="190" height="20" rx="10" fill="${s.accent}"/><rect x="-18" y="-55" width="36" height="20" rx="8"/>`,
  jar: (s: Style) =>
    `<rect x="-65" y="-45" width="130" height="135" rx="22"/><rect x="-75" y="-85" width="150" height="40" rx="8" fill="${s.accent}"/><rect x="-45" y="0" width="90" height="50" rx="6" fill="#fdf6e8"/>`,
  apple: (s: Style) =>
    `<circle cx="-30" cy="15" r="62"/><circle cx="30" cy="15" r="62"/><path d="M0 -45 Q5 -75 20 -90" stroke="#6b4a2e" stroke-width="8" fill="none"/><path d="M8 -60 Q45 -105 85 -80 Q45 -45 8 -60 Z" fill="${s.accent}"/>`,
  wine: (s: Style) =>
    `<path d="M-66 -100 H-42 V-45 Q-15 -30 -15 5 V100 H-93 V5 Q-93 -30 -66 -45 Z"/><rect x="-88" y="20" width="68" height="45" rx="4" fill="${s.accent}"/><path d="M25 -40 H95 Q95 30 60 35 V85 H85 V100 H35 V85 H60 V35 Q25 30 25 -40 Z"/>`,
  mug: (s: Style) =>
    `<rect x="-70" y="-40" width="120" height="130" rx="14"/><path d="M50 -10 H80 Q100 -10 100 15 V35 Q100 60 80 60 H50" stroke-width="16" fill="none" stroke="currentColor"/><circle cx="-45" cy="-45" r="28" fill="${s.accent}"/><circle cx="-5" cy="-55" r="32" fill="${s.accent}"/><circle cx="35" cy="-45" r="26" fill="${s.accent}"/>`,
  book: (s: Style) =>
    `<path d="M0 -55 Q-50 -85 -105 -62 V70 Q-50 50 0 80 Z"/><path d="M0 -55 Q50 -85 105 -62 V70 Q50 50 0 80 Z"/>${[-35, -10, 15].map((y) => `<path d="M-85 ${y} Q-45 ${y - 15} -15 ${y + 2} M15 ${y + 2} Q45 ${y - 15} 85 ${y}" stroke="${s.accent}" stroke-width="6" fill="none"/>`).join('')}`,
  pencil: (s: Style) =>
    `<g transform="rotate(-35)"><rect x="-95" y="-20" width="150" height="40" rx="4"/><path d="M55 -20 L100 0 L55 20 Z" fill="#e8cfa6"/><path d="M88 -5 L100 0 L88 5 Z" fill="#333"/><rect x="-110" y="-20" width="18" height="40" rx="5" fill="${s.accent}"/></g>`,
  flower: (s: Style) =>
    `<path d="M0 20 V100" stroke="${s.accent}" stroke-width="10"/><path d="M0 75 Q40 40 70 55 Q40 85 0 75 Z" fill="${s.accent}"/>${[0, 60, 120, 180, 240, 300].map((a) => `<circle cx="0" cy="-62" r="30" transform="rotate(${a} 0 -25)"/>`).join('')}<circle cy="-25" r="24" fill="#f3c04a"/>`,
  bike: (s: Style) =>
    `<g fill="none" stroke="currentColor" stroke-width="10"><circle cx="-62" cy="35" r="45"/><circle cx="62" cy="35" r="45"/><path d="M-62 35 L-20 -35 H45 L62 35 M-20 -35 L5 35 L45 -35 M-62 35 H5" stroke="${s.accent}"/><path d="M-30 -55 H-5 M45 -35 L38 -62 H62"/></g>`,
  gear: (s: Style) =>
    `${[0, 45, 90, 135].map((a) => `<rect x="-16" y="-95" width="32" height="190" rx="6" transform="rotate(${a})"/>`).join('')}<circle r="72"/><circle r="32" fill="${s.accent}"/>`,
  plate: (s: Style) =>
    `<circle r="78" fill="${s.accent}" stroke="currentColor" stroke-width="8"/><circle r="50" fill="none" stroke="currentColor" stroke-width="4"/><rect x="-112" y="-70" width="12" height="140" rx="6"/><path d="M-122 -70 V-25 M-106 -70 V-25 M-90 -70 V-25" stroke="currentColor" stroke-width="6"/><path d="M100 -70 Q120 -40 112 0 V70 H100 Z"/>`,
  hat: (s: Style) =>
    `<circle cx="-45" cy="-35" r="42"/><circle cx="0" cy="-55" r="48"/><circle cx="45" cy="-35" r="42"/><rect x="-60" y="-30" width="120" height="80" rx="6"/><rect x="-60" y="45" width="120" height="28" rx="6" fill="${s.accent}"/>`,
  scissors: (s: Style) =>
    `<g fill="none" stroke="currentColor" stroke-width="11"><circle cx="-38" cy="62" r="26"/><circle cx="38" cy="62" r="26"/><path d="M-22 40 L55 -95 M22 40 L-55 -95"/></g><circle cy="-2" r="7" fill="${s.accent}"/>`,
  flask: (s: Style) =>
    `<rect x="-50" y="-30" width="100" height="125" rx="18"/><rect x="-22" y="-62" width="44" height="34" rx="4"/><path d="M-8 -62 V-90 H45" stroke="currentColor" stroke-width="10" fill="none"/><rect x="-35" y="10" width="70" height="45" rx="6" fill="${s.accent}"/>`,
} satisfies Record<string, (style: Style) => string>

/** Renders a product picture as a PNG: a drawing for its category, its name and its shop. */
export async function renderProductPicture(input: {
  name: string
  shopName: string
  category: CategoryKey
}): Promise<Buffer> {
  const svg = productPictureSvg(input)
  return sharp(Buffer.from(svg)).png({ compressionLevel: 2 }).toBuffer()
}

function productPictureSvg(input: { name: string; shopName: string; category: CategoryKey }): string {
  const style = STYLES[input.category]
  const { size, lines } = fitName(input.name)
  const lineHeight = Math.round(size * 1.18)
  const firstBaseline = 440 - ((lines.length - 1) * lineHeight) / 2
  const font = `font-family="DejaVu Sans, sans-serif" text-anchor="middle"`
  const nameLines = lines
    .map(
      (line, i) =>
        `<text x="400" y="${firstBaseline + i * lineHeight}" ${font} font-size="${size}" font-weight="bold" fill="#3a2618">${escapeXml(line)}</text>`,
    )
    .join('')
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PICTURE_WIDTH}" height="${PICTURE_HEIGHT}" viewBox="0 0 800 600">`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${style.from}"/><stop offset="1" stop-color="${style.to}"/></linearGradient></defs>`,
    `<rect width="800" height="600" fill="url(#bg)"/>`,
    `<g transform="translate(400 185) scale(1.3)" fill="${style.ink}" color="${style.ink}">${MOTIFS[style.motif](style)}</g>`,
    nameLines,
    `<text x="400" y="566" ${font} font-size="22" fill="#5a4030" opacity="0.85">${escapeXml(input.shopName)}</text>`,
    `</svg>`,
  ].join('')
}

/** The largest font size at which the name fits in at most three lines of the picture's width. */
function fitName(name: string): { size: number; lines: string[] } {
  for (const size of [52, 44, 38, 32]) {
    // DejaVu Sans Bold averages about 0.6 em per character (wide capitals more); 720 px leaves a margin on both sides.
    const lines = wrapWords(name, Math.floor(720 / (size * 0.6)))
    if (lines.length <= 3) return { size, lines }
  }
  return { size: 28, lines: wrapWords(name, Math.floor(720 / (28 * 0.6))).slice(0, 3) }
}

function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = []
  let current = ''
  for (const word of text.split(/\s+/)) {
    if (current && `${current} ${word}`.length > maxChars) {
      lines.push(current)
      current = word
    } else {
      current = current ? `${current} ${word}` : word
    }
  }
  if (current) lines.push(current)
  return lines
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string,
  )
}
