// Regenerates the Prisma client in src/generated/prisma. `prisma generate` does not run the schema
// engine, but the CLI insists on finding its binary first: any existing file satisfies it (ENVIRONMENT.md).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function generateClient(): Promise<void> {
  const placeholder = fileURLToPath(new URL('../package.json', import.meta.url));
  execFileSync('npx', ['prisma', 'generate'], {
    stdio: 'inherit',
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await generateClient();
