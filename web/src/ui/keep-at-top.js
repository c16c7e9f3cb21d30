// keep-at-top.js: brings an element to the top of the view and keeps it there while the
// page above it is still growing. Sections above a linked experiment change height after
// the first scroll: their experiments mount when they come near the view, and sections
// not yet rendered (content-visibility: auto) are laid out at an estimated size until
// they are. Chromium's scroll anchoring does not always make up for that, so the element
// is brought back whenever the page's size changes, until the layout has been still for
// QUIET_MS, at most MAX_MS in all, or until the reader scrolls or clicks.

const QUIET_MS = 1000;
const MAX_MS = 10000;
const READER_EVENTS = ['wheel', 'touchstart', 'keydown', 'pointerdown'];

let release = null;

/** Scrolls `element` to the top and keeps it there (a later call replaces an earlier one). */
export function keepAtTop(element) {
  release?.();
  element.scrollIntoView({ block: 'start' });
  const wanted = element.getBoundingClientRect().top;
  let quiet = setTimeout(stop, QUIET_MS);
  const limit = setTimeout(stop, MAX_MS);
  const observer = new ResizeObserver(() => {
    if (Math.abs(element.getBoundingClientRect().top - wanted) > 1) element.scrollIntoView({ block: 'start' });
    clearTimeout(quiet);
    quiet = setTimeout(stop, QUIET_MS);
  });
  observer.observe(document.body);
  for (const type of READER_EVENTS) addEventListener(type, stop, { passive: true, capture: true });
  function stop() {
    observer.disconnect();
    clearTimeout(quiet);
    clearTimeout(limit);
    for (const type of READER_EVENTS) removeEventListener(type, stop, { capture: true });
    if (release === stop) release = null;
  }
  release = stop;
}
