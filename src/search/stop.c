/* stop.c — the words that carry no meaning in a finder query, in the
 * languages of the people who search: little words ("und", "the", "в",
 * "في") and words of asking and wanting ("wo kann ich", "ich suche",
 * "how to", "где", "کجا می توانم"). A query leaves them out unless it
 * has nothing else. In their search form (folded as search_fold does
 * after unicode61: lower case, no Latin diacritics, ß -> ss, "ue" -> "u",
 * Arabic letters unified), each comment giving them as written. The
 * contract: search.h. */
#include "search/search.h"
#include "core/core.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *stopwords[] = {
	/* German: aber als am an auch auf aus bei beim bin bis bitte brauche brauchen da das dass dem
	 * den der des die dies diese ein eine einem einen einer eines es etwas finde finden für gibt
	 * gern gerne habe haben hat helfen hier hilfe ich ihr im in ins ist ja jemand kann kannst
	 * können man mein meine meinem meinen meiner mich mir mit möchte muss nach nicht noch oder
	 * sich sie sind so suche suchen über um und uns unter vom von was welche welcher wer wie wir
	 * will wird wo zu zum zur */
	"aber", "als", "am", "an", "auch", "auf", "aus", "bei", "beim", "bin", "bis", "bitte",
	"brauche", "brauchen", "da", "das", "dass", "dem", "den", "der", "des", "die", "dies",
	"diese", "ein", "eine", "einem", "einen", "einer", "eines", "es", "etwas", "finde",
	"finden", "fur", "gibt", "gern", "gerne", "habe", "haben", "hat", "helfen", "hier",
	"hilfe", "ich", "ihr", "im", "in", "ins", "ist", "ja", "jemand", "kann", "kannst",
	"konnen", "man", "mein", "meine", "meinem", "meinen", "meiner", "mich", "mir", "mit",
	"mochte", "muss", "nach", "nicht", "noch", "oder", "sich", "sie", "sind", "so", "suche",
	"suchen", "uber", "um", "und", "uns", "unter", "vom", "von", "was", "welche", "welcher",
	"wer", "wie", "wir", "will", "wird", "wo", "zu", "zum", "zur",
	/* English: a about an and any are at can do does find for from get help how i in is looking me
	 * my need near of on or please some the there to want what where which who with would you */
	"a", "about", "and", "any", "are", "at", "can", "do", "dos", "find", "for", "from", "get",
	"help", "how", "i", "is", "looking", "me", "my", "need", "near", "of", "on", "or",
	"please", "some", "the", "there", "to", "want", "what", "where", "which", "who", "with",
	"would", "you",
	/* Turkish: ben bir bu için ile ve nerede nasıl istiyorum arıyorum yardım bana benim mi mı var
	 * lazım */
	"ben", "bir", "bu", "icin", "ile", "ve", "nerede", "nasil", "istiyorum", "ariyorum",
	"yardim", "bana", "benim", "mi", "var", "lazim",
	/* Russian: я мне меня мой моя где как хочу ищу нужен нужна нужно помощь помочь в на для по с и
	 * или о что это можно могу есть найти у */
	"я", "мне", "меня", "мой", "моя", "где", "как", "хочу", "ищу", "нужен", "нужна", "нужно",
	"помощь", "помочь", "в", "на", "для", "по", "с", "и", "или", "о", "что", "это", "можно",
	"могу", "есть", "найти", "у",
	/* Ukrainian: мені мене мій де як шукаю потрібен потрібна потрібно допомога допомогти з і й або
	 * про що це можна можу є знайти */
	"мені", "мене", "мій", "де", "як", "шукаю", "потрібен", "потрібна", "потрібно", "допомога",
	"допомогти", "з", "і", "й", "або", "про", "що", "це", "можна", "можу", "є", "знайти",
	/* Arabic: أين كيف أريد أبحث عن في من على إلى مع هل يمكنني أستطيع ممكن مساعدة أحتاج لي أنا ما
	 * هذا هذه التي الذي أو عند */
	"اين", "كيف", "اريد", "ابحث", "عن", "في", "من", "علي", "الي", "مع", "هل", "يمكنني",
	"استطيع", "ممكن", "مساعده", "احتاج", "لي", "انا", "ما", "هذا", "هذه", "التي", "الذي", "او",
	"عند",
	/* Farsi and Dari: کجا چطور چگونه می خواهم میخواهم دنبال هستم من برای در به از و را با که یک
	 * این آن است ها های کمک توانم میتوانم نیاز دارم چه کنم پیدا */
	"كجا", "چطور", "چگونه", "مي", "خواهم", "ميخواهم", "دنبال", "هستم", "براي", "در", "به",
	"از", "و", "را", "با", "كه", "يك", "ان", "است", "ها", "هاي", "كمك", "توانم", "ميتوانم",
	"نياز", "دارم", "چه", "كنم", "پيدا",
	/* Kurmanji: ez li ku ji bo û çawa dixwazim lê min di jî kîjan */
	"ez", "li", "ku", "ji", "bo", "u", "cawa", "dixwazim", "le", "min", "di", "kijan",
	/* Tigrinya: ኣበይ ኣነ ኣብ ምስ */
	"ኣበይ", "ኣነ", "ኣብ", "ምስ",
};

static pthread_once_t sorted_once = PTHREAD_ONCE_INIT;

static int cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void sort_once(void)
{
	qsort(stopwords, NELEM(stopwords), sizeof(*stopwords), cmp);
}

int search_stopword(const char *w)
{
	pthread_once(&sorted_once, sort_once);
	return bsearch(&w, stopwords, NELEM(stopwords), sizeof(*stopwords), cmp) != NULL;
}
