// fonts/bn.js: Noto Sans Bengali for the Bengali page, from @fontsource (OFL-1.1),
// bundled with the site. Only the Bengali subset (its unicode-range covers the Bengali
// block; Latin text keeps the system font), regular and bold (600 renders as 700).
import '@fontsource/noto-sans-bengali/bengali-400.css';
import '@fontsource/noto-sans-bengali/bengali-700.css';
