/* languages-tr.test.mjs — the public pages in Turkish (see languages.mjs). */
import { languageTests } from './languages.mjs';

languageTests('tr');
