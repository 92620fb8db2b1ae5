// Bundles src/ into the Api project's wwwroot. The bundle is committed so the service runs with no npm and
// no network; bundle.json records a hash of every input, which a test compares with the sources.
//   node build.mjs          build
//   node build.mjs --check  exit 1 when the committed bundle is older than the sources
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, readdirSync, statSync, mkdirSync, copyFileSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "Monitoring.Api", "wwwroot");
const inputs = ["build.mjs", "package.json", "package-lock.json", "tsconfig.json", "src"];

function files(path) {
  const full = join(here, path);
  return statSync(full).isDirectory() ? readdirSync(full).flatMap((f) => files(join(path, f))) : [path.split("\\").join("/")];
}

// Same recipe as Browser/BundleTests.cs: per file (ordinal path order) "path\n" + sha256(text with LF) + "\n".
export function sourceHash() {
  const all = inputs.flatMap(files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const h = createHash("sha256");
  for (const f of all) {
    const text = readFileSync(join(here, f), "utf8").replaceAll("\r\n", "\n");
    h.update(`${f}\n${createHash("sha256").update(text, "utf8").digest("hex")}\n`);
  }
  return h.digest("hex");
}

const manifest = join(out, "bundle.json");
if (process.argv.includes("--check")) {
  const recorded = JSON.parse(readFileSync(manifest, "utf8")).sources;
  if (recorded !== sourceHash()) {
    console.error("web: the bundle in wwwroot is stale; run `npm ci && npm run build` in web/");
    process.exit(1);
  }
  console.log("web: bundle is fresh");
  process.exit(0);
}

const esbuild = await import("esbuild");
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: { app: join(here, "src", "main.ts") },
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  outdir: out,
  legalComments: "none",
  logLevel: "warning",
});
copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
writeFileSync(manifest, JSON.stringify({ sources: sourceHash(), built_by: "web/build.mjs" }, null, 2) + "\n");
console.log(`web: built ${relative(join(here, ".."), out)}`);
