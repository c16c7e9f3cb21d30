// background-task.js: one cancellable computation of an experiment that runs in the
// worker pool (a seed sweep, a learning-rate sweep, a basin map, born-dead probes):
// its progress bar with Cancel, the buttons it disables while it runs, and the
// experiment's data-sweep-state (running, done, cancelled, error) that tests and
// embedding pages read. Starting it again cancels the run before. Its error is shown
// through onError(err, 'task') and taken back (onError(null, 'task')) when a later run
// of it finishes. A finished run
// also leaves data-sweep-ms: milliseconds from its start until its result is in the
// page (the DOM updated; the browser paints it at its next frame, whose timing is the
// display's, not the computation's). The benchmark of the worker pool reads it.
import { CancelledError } from '../engine/client.js';
import { progressBar } from './controls.js';
import { t } from '../i18n/index.js';

export function backgroundTask({ box, onError }) {
  let abort = null;
  const progress = progressBar({ onCancel: () => abort?.abort() });
  const buttons = [];
  return {
    progress,
    element: progress.element,
    /** Buttons to disable while a run is on. */
    disables(...list) {
      buttons.push(...list);
    },
    /** Runs work(signal, progress); the work reports progress and finishes the bar itself. */
    async run(work) {
      abort?.abort();
      const mine = (abort = new AbortController());
      // The buttons go grey with the progress bar, once the run has lasted long enough
      // to show (controls.js): a run of a few tens of milliseconds costs no frame.
      progress.start(() => {
        for (const b of buttons) b.disabled = true;
      });
      box.dataset.sweepState = 'running';
      delete box.dataset.sweepMs;
      const started = performance.now();
      try {
        await work(mine.signal, progress);
        box.dataset.sweepMs = (performance.now() - started).toFixed(1);
        box.dataset.sweepState = 'done';
        onError(null, 'task');
      } catch (err) {
        // A run replaced by a newer one (which cancelled it) leaves the bar, the state
        // and the buttons to that one.
        if (abort !== mine) return;
        if (err instanceof CancelledError) {
          progress.finish(t('sweep.cancelled'), 'cancelled');
          box.dataset.sweepState = 'cancelled';
        } else {
          progress.finish('', 'error');
          box.dataset.sweepState = 'error';
          onError(err, 'task');
        }
      } finally {
        if (abort === mine) for (const b of buttons) b.disabled = false;
      }
    },
  };
}
