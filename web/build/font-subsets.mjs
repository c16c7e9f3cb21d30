// font-subsets.mjs: a Vite plugin that makes the bundled fonts of the Chinese and Bengali
// pages hold exactly the characters those pages show. At the start of every build it
// reads the locale table (web/src/i18n/<locale>.js), takes every character outside
// ASCII (ASCII is drawn in the system's font: the faces declare a unicode-range) and
// subsets the @fontsource face to them with HarfBuzz (subset-font), regular and bold,
// keeping the layout rules Bengali needs. The result goes to
// web/src/i18n/fonts/generated/ (not committed): a woff2 per weight and a CSS file of
// @font-face rules that i18n/fonts/<locale>.js imports. A string added to a table is in
// the next build's subset, so no text can fall outside it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import subsetFont from 'subset-font';

/** The faces: the locale, its family and the @fontsource file of each weight. */
const FACES = [
  { locale: 'zh-CN', family: 'Noto Sans SC', name: 'noto-sans-sc', file: (w) => `@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-${w}-normal.woff2` },
  { locale: 'bn', family: 'Noto Sans Bengali', name: 'noto-sans-bengali', file: (w) => `@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-${w}-normal.woff2` },
];
const WEIGHTS = [400, 700];

/** The characters a locale table shows outside ASCII, sorted. */
export async function charactersOf(table) {
  const strings = Object.values(table).join('');
  return [...new Set([...strings].filter((c) => c.codePointAt(0) > 0x7e))].sort();
}

/** unicode-range of a list of characters: U+4E00, U+4E0A, ... */
const unicodeRange = (chars) => chars.map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase()}`).join(', ');

export function fontSubsets({ root }) {
  const require = createRequire(join(root, 'package.json'));
  const out = join(root, 'src', 'i18n', 'fonts', 'generated');
  return {
    name: 'relulab-font-subsets',
    async buildStart() {
      mkdirSync(out, { recursive: true });
      for (const face of FACES) {
        const table = (await import(`${pathToFileURL(join(root, 'src', 'i18n', `${face.locale}.js`)).href}?t=${Date.now()}`)).default;
        const chars = await charactersOf(table);
        // the same characters from the same fonts make the same files: a build reuses them
        const key = createHash('sha256').update(chars.join('')).update(WEIGHTS.map((w) => readFileSync(require.resolve(face.file(w)))).join('|')).digest('hex').slice(0, 16);
        const css = join(out, `${face.locale}.css`);
        if (existsSync(css) && readFileSync(css, 'utf8').includes(`key ${key}`)) continue;
        const rules = [];
        for (const weight of WEIGHTS) {
          const font = await subsetFont(readFileSync(require.resolve(face.file(weight))), chars.join(''), { targetFormat: 'woff2' });
          const name = `${face.name}-subset-${weight}.woff2`;
          writeFileSync(join(out, name), font);
          rules.push(`@font-face {\n  font-family: '${face.family}';\n  font-style: normal;\n  font-display: swap;\n  font-weight: ${weight};\n  src: url(./${name}) format('woff2');\n  unicode-range: ${unicodeRange(chars)};\n}`);
        }
        writeFileSync(css, `/* made by web/build/font-subsets.mjs from src/i18n/${face.locale}.js: ${chars.length} characters, key ${key} */\n${rules.join('\n')}\n`);
      }
    },
  };
}
