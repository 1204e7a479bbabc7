// Builds the front-end assets into build/static/onedoor/ (served by whitenoise, never committed).
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static", "onedoor");
const modules = join(root, "node_modules");

mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });
mkdirSync(join(out, "fonts"), { recursive: true });

// The portal's styles, and the admin's additions (Lao and Khmer fonts).
for (const name of ["onedoor", "admin"]) {
  const css = sass.compile(join(root, "assets", "scss", `${name}.scss`), {
    style: "compressed",
    importers: [new sass.NodePackageImporter()],
    quietDeps: true,
    silenceDeprecations: ["import"],
  });
  writeFileSync(join(out, "css", `${name}.css`), css.css);
}

const govuk = join(modules, "govuk-frontend", "dist", "govuk");
copyFileSync(join(govuk, "govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
copyFileSync(join(root, "assets", "js", "onedoor.mjs"), join(out, "js", "onedoor.mjs"));
mkdirSync(join(out, "images"), { recursive: true });
copyFileSync(join(root, "assets", "images", "favicon.svg"), join(out, "images", "favicon.svg"));

for (const [pkg, script] of [
  ["noto-sans-lao", "lao"],
  ["noto-sans-khmer", "khmer"],
]) {
  const dir = join(modules, "@fontsource", pkg, "files");
  for (const name of readdirSync(dir)) {
    if (name === `${pkg}-${script}-400-normal.woff2` || name === `${pkg}-${script}-700-normal.woff2`) {
      copyFileSync(join(dir, name), join(out, "fonts", name));
    }
  }
}
console.log(`assets built in ${out}`);
