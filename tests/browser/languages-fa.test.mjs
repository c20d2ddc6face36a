/* languages-fa.test.mjs — the public pages in Farsi (see languages.mjs). */
import { languageTests } from './languages.mjs';

languageTests('fa');
