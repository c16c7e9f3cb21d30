// fonts/bn.js: Noto Sans Bengali (OFL-1.1, from @fontsource) for the Bengali page,
// subset at build time to the characters the page shows (web/build/font-subsets.mjs),
// regular and bold (600 renders as 700); Latin text keeps the system font.
import './generated/bn.css';
