// fonts/zh-CN.js: Noto Sans SC (OFL-1.1, from @fontsource) for the Simplified Chinese
// page, subset at build time to the characters the page shows (web/build/font-subsets.mjs),
// regular and bold (600 renders as 700).
import './generated/zh-CN.css';
