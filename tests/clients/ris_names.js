// ris_names.js RIS CSL: reads the RIS file with citation-js (its RIS
// plugin) and checks that every name comes back as the CSL-JSON file of
// the same references has it: a person as family and given name, a body
// (or a name in Chinese script) as one part.  RIS AU is citation-js's
// author, or for a newspaper article (TY NEWS) its reporter (as the RIS
// specification has AU for NEWS).  Prints one
// line per mismatch and "names N" (how many names it compared); exits 1
// on any mismatch or if it compared none.
'use strict';
const fs = require('fs');
const { plugins } = require('@citation-js/core');
require('@citation-js/plugin-ris');
const { parse: parseName } = require('@citation-js/name');

const ris = fs.readFileSync(process.argv[2], 'utf8');
const csl = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const read = plugins.input.chain(ris, {
  forceType: '@ris/file',
  generateGraph: false,
});
const byId = new Map(read.map((d) => [d.id, d]));
let bad = 0;
let names = 0;
const show = (n) => JSON.stringify(n);
for (const item of csl) {
  const want = item.author || [];
  const got = byId.get(item.id);
  if (!got) {
    console.log(`${item.id}: not read from the RIS`);
    bad++;
    continue;
  }
  // a newspaper article's reporter: citation-js keeps each as the text
  // of its AU line, which its own name parser (@citation-js/name) splits
  let have = got.author || got.reporter || [];
  if (!Array.isArray(have)) have = [have];
  have = have.map((h) => (typeof h === 'string' ? parseName(h) : h));
  if (have.length !== want.length) {
    console.log(`${item.id}: ${have.length} names read, ${want.length} written`);
    bad++;
    continue;
  }
  want.forEach((w, i) => {
    const h = have[i];
    names++;
    const ok = w.literal
      ? (h.literal === w.literal && !h.given) ||
        (h.family === w.literal && !h.given)
      : h.family === w.family && (h.given || '') === (w.given || '') &&
        !h.literal;
    if (!ok) {
      console.log(`${item.id}: wrote ${show(w)}, read ${show(h)}`);
      bad++;
    }
  });
}
console.log(`names ${names}`);
process.exit(bad || !names ? 1 : 0);
