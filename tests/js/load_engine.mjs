// load_engine.mjs: the real WASM engine under Node, for the JS API tests: the Node
// build of the same code the page runs (build/wasm-release/relulab_node.cjs; the ES6
// browser build cannot start under Node, TOOLCHAIN.md pitfall 4), wrapped by the
// page's own web/src/engine/engine.js.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Engine } from '../../web/src/engine/engine.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WASM_BUILD = process.env.RELULAB_WASM_BUILD ?? join(ROOT, 'build', 'wasm-release');
export const NATIVE_CLI = process.env.RELULAB_CLI ?? join(ROOT, 'build', 'native-release', 'relulab');

export async function loadEngine() {
  const script = join(WASM_BUILD, 'relulab_node.cjs');
  if (!existsSync(script)) throw new Error(`no WASM build at ${script}: run scripts/build.sh wasm`);
  const factory = createRequire(import.meta.url)(script);
  const module = await factory({ wasmBinary: readFileSync(join(WASM_BUILD, 'relulab_node.wasm')) });
  return new Engine(module);
}
