/* languages-uk.test.mjs — the public pages in Ukrainian (see languages.mjs). */
import { languageTests } from './languages.mjs';

languageTests('uk');
