// Prisma's schema engine compiled to WebAssembly: migrations without the native binary that the
// Prisma CLI downloads (ENVIRONMENT.md). Loaded by hand because its entry imports a .wasm file.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);
let initialised: Promise<void> | undefined;

function initWasm(): Promise<void> {
  initialised ??= (async () => {
    // The package does not export the .wasm file itself; it sits beside the bindings module.
    const path = join(dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const bytes = await readFile(path);
    const { instance } = await wasmApi().instantiate(bytes, { './schema_engine_bg.js': bindings });
    const exports = instance.exports as { __wbindgen_start: () => void };
    (bindings as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return initialised;
}

// Node has WebAssembly at run time; the typings for it live in the DOM lib, which this project does not load.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: object } }>;
}
const wasmApi = (): WasmApi => (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: { path: string; content: string },
): Promise<SchemaEngine> {
  await initWasm();
  const log = (): void => {};
  return bindings.SchemaEngine.new({ datamodels: [[datamodel.path, datamodel.content]] }, log, bindMigrationAwareSqlAdapterFactory(factory));
}
