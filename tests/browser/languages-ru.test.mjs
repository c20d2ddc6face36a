/* languages-ru.test.mjs — the public pages in Russian (see languages.mjs). */
import { languageTests } from './languages.mjs';

languageTests('ru');
