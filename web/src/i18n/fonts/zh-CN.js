// fonts/zh-CN.js: Noto Sans SC for the Simplified Chinese page, from @fontsource
// (OFL-1.1), bundled with the site. The CSS declares about a hundred faces per weight,
// each with a unicode-range, so the browser fetches only the slices holding characters
// the page shows (a few hundred KB, not the 3.5 MB of a whole weight). Regular and bold
// (600 renders as 700).
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
