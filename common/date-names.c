/* date-names.c: month and weekday names and date-line labels of the languages date.c reads.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The languages are Snowball stemmer languages (trawl-index --language)
 * written in the Latin or Cyrillic alphabet whose dates news sites write
 * with month names; the others (arabic, greek, hindi, ...) read English
 * names only.  Names are folded (date-names.h).  A month or weekday is
 * also found by any prefix of three letters or more of one of its forms
 * (date.c), so only abbreviations that are not prefixes are listed
 * ("mrt" for maart); two-letter weekdays are listed where sites use them
 * ("Di., 25.01.2022").  Labels are the words sites put before the date on
 * a date line; DATE_LABEL_NONE for those that do not say whether the date
 * is the publication or the last change.
 */
#include <stddef.h>

#include "date-names.h"

#define P DATE_LABEL_PUBLISHED
#define U DATE_LABEL_UPDATED
#define N DATE_LABEL_NONE

static const date_label_name_t english_labels[] = {
    { P, "published" }, { P, "published on" }, { P, "published at" },
    { P, "first published" }, { P, "first published on" },
    { P, "originally published" }, { P, "originally published on" },
    { P, "date published" }, { P, "issue published" }, { P, "publication date" }, { P, "posted" },
    { P, "posted on" }, { P, "posted at" }, { P, "released" }, { P, "issued" },
    { P, "created" }, { P, "created on" }, { P, "written" }, { P, "written on" },
    { U, "updated" }, { U, "updated on" }, { U, "updated at" }, { U, "last updated" },
    { U, "last updated on" }, { U, "last modified" }, { U, "last modified on" },
    { U, "modified" }, { U, "modified on" }, { U, "last edited" }, { U, "edited" },
    { U, "update" }, { U, "date modified" }, { U, "revised" },
    { N, "date" }, { N, "dated" }, { N, "on" }, { N, "as of" },
    { 0, NULL }
};

static const date_label_name_t german_labels[] = {
    { P, "veroffentlicht" }, { P, "veroffentlicht am" }, { P, "erstveroffentlichung" },
    { P, "erstmals veroffentlicht" }, { P, "erstmals veroffentlicht am" },
    { P, "publiziert" }, { P, "publiziert am" }, { P, "erschienen" },
    { P, "erschienen am" }, { P, "erstellt" }, { P, "erstellt am" },
    { P, "eingestellt am" }, { P, "erscheinungsdatum" },
    { U, "aktualisiert" }, { U, "aktualisiert am" }, { U, "zuletzt aktualisiert" },
    { U, "zuletzt aktualisiert am" }, { U, "geandert" }, { U, "geandert am" },
    { U, "zuletzt geandert" }, { U, "zuletzt geandert am" }, { U, "letzte anderung" },
    { U, "letztes update" }, { U, "zuletzt bearbeitet" }, { U, "bearbeitet" },
    { U, "bearbeitet am" }, { U, "nachtrag" }, { U, "stand" }, { U, "stand vom" },
    { U, "stand des artikels" },
    { N, "datum" }, { N, "am" }, { N, "vom" },
    { 0, NULL }
};

static const date_label_name_t french_labels[] = {
    { P, "publie" }, { P, "publie le" }, { P, "paru le" }, { P, "cree" }, { P, "cree le" },
    { P, "date de publication" }, { P, "mis en ligne le" },
    { U, "mis a jour" }, { U, "mis a jour le" }, { U, "mise a jour" },
    { U, "mise a jour le" }, { U, "modifie" }, { U, "modifie le" },
    { U, "actualise le" }, { U, "derniere mise a jour" },
    { N, "le" }, { N, "date" }, { N, "du" },
    { 0, NULL }
};

static const date_label_name_t spanish_labels[] = {
    { P, "publicado" }, { P, "publicado el" }, { P, "fecha de publicacion" },
    { U, "actualizado" }, { U, "actualizado el" }, { U, "actualizado a" },
    { U, "actualizado al" }, { U, "modificado" }, { U, "modificado el" },
    { U, "ultima actualizacion" },
    { N, "fecha" }, { N, "el" },
    { 0, NULL }
};

static const date_label_name_t italian_labels[] = {
    { P, "pubblicato" }, { P, "pubblicato il" }, { P, "pubblicato in data" },
    { P, "data di pubblicazione" },
    { U, "aggiornato" }, { U, "aggiornato il" }, { U, "aggiornato al" },
    { U, "ultimo aggiornamento" }, { U, "modificato il" },
    { N, "data" }, { N, "il" },
    { 0, NULL }
};

static const date_label_name_t dutch_labels[] = {
    { P, "gepubliceerd" }, { P, "gepubliceerd op" }, { P, "geplaatst" },
    { P, "geplaatst op" },
    { U, "bijgewerkt" }, { U, "bijgewerkt op" }, { U, "laatst bijgewerkt" },
    { U, "laatst bijgewerkt op" }, { U, "gewijzigd" }, { U, "gewijzigd op" },
    { U, "laatst gewijzigd" }, { U, "laatst gewijzigd op" },
    { N, "datum" }, { N, "op" },
    { 0, NULL }
};

static const date_label_name_t portuguese_labels[] = {
    { P, "publicado" }, { P, "publicado em" }, { P, "postado" }, { P, "postado em" },
    { P, "data de publicacao" },
    { U, "atualizado" }, { U, "atualizado em" }, { U, "modificado em" },
    { N, "data" }, { N, "em" },
    { 0, NULL }
};

static const date_label_name_t danish_labels[] = {
    { P, "publiceret" }, { P, "udgivet" }, { P, "offentliggjort" },
    { U, "opdateret" }, { U, "sidst opdateret" }, { U, "senest opdateret" },
    { N, "dato" }, { N, "den" },
    { 0, NULL }
};

static const date_label_name_t norwegian_labels[] = {
    { P, "publisert" }, { U, "oppdatert" }, { U, "sist oppdatert" },
    { N, "dato" }, { N, "den" },
    { 0, NULL }
};

static const date_label_name_t swedish_labels[] = {
    { P, "publicerad" }, { P, "publicerat" }, { P, "publicerad den" },
    { U, "uppdaterad" }, { U, "uppdaterat" }, { U, "senast uppdaterad" },
    { U, "andrad" }, { U, "senast andrad" },
    { N, "datum" }, { N, "den" },
    { 0, NULL }
};

static const date_label_name_t finnish_labels[] = {
    { P, "julkaistu" }, { U, "paivitetty" }, { U, "muokattu" }, { N, "paivays" },
    { 0, NULL }
};

static const date_label_name_t romanian_labels[] = {
    { P, "publicat" }, { P, "publicat pe" }, { U, "actualizat" },
    { U, "actualizat pe" }, { U, "modificat" }, { N, "data" },
    { 0, NULL }
};

static const date_label_name_t hungarian_labels[] = {
    { P, "kozzeteve" }, { P, "publikalva" }, { P, "megjelent" }, { U, "frissitve" },
    { U, "modositva" }, { N, "datum" },
    { 0, NULL }
};

static const date_label_name_t turkish_labels[] = {
    { P, "yayinlanma" }, { P, "yayinlanma tarihi" }, { P, "yayin tarihi" },
    { U, "guncelleme" }, { U, "guncellenme" }, { U, "guncelleme tarihi" },
    { N, "tarih" },
    { 0, NULL }
};

static const date_label_name_t indonesian_labels[] = {
    { P, "diterbitkan" }, { P, "dipublikasikan" }, { P, "diposting" },
    { U, "diperbarui" }, { N, "tanggal" },
    { 0, NULL }
};

static const date_label_name_t catalan_labels[] = {
    { P, "publicat" }, { P, "publicat el" }, { U, "actualitzat" },
    { U, "actualitzat el" }, { N, "data" },
    { 0, NULL }
};

static const date_label_name_t russian_labels[] = {
    { P, "опубликовано" }, { P, "дата публикации" }, { U, "обновлено" },
    { U, "изменено" }, { N, "дата" },
    { 0, NULL }
};

#undef P
#undef U
#undef N

const date_language_t date_languages[] = {
    { "english",
      { { "january" }, { "february" }, { "march" }, { "april" }, { "may" }, { "june" },
        { "july" }, { "august" }, { "september" }, { "october" }, { "november" },
        { "december" } },
      { { "monday" }, { "tuesday" }, { "wednesday" }, { "thursday" }, { "friday" },
        { "saturday" }, { "sunday" } },
      english_labels },
    { "german",
      { { "januar", "janner" }, { "februar", "feber" }, { "marz", "maerz" }, { "april" },
        { "mai" }, { "juni" }, { "juli" }, { "august" }, { "september" }, { "oktober" },
        { "november" }, { "dezember" } },
      { { "montag", "mo" }, { "dienstag", "di" }, { "mittwoch", "mi" },
        { "donnerstag", "do" }, { "freitag", "fr" }, { "samstag", "sonnabend", "sa" },
        { "sonntag", "so" } },
      german_labels },
    { "french",
      { { "janvier" }, { "fevrier" }, { "mars" }, { "avril" }, { "mai" }, { "juin" },
        { "juillet" }, { "aout" }, { "septembre" }, { "octobre" }, { "novembre" },
        { "decembre" } },
      { { "lundi" }, { "mardi" }, { "mercredi" }, { "jeudi" }, { "vendredi" },
        { "samedi" }, { "dimanche" } },
      french_labels },
    { "spanish",
      { { "enero" }, { "febrero" }, { "marzo" }, { "abril" }, { "mayo" }, { "junio" },
        { "julio" }, { "agosto" }, { "septiembre", "setiembre" }, { "octubre" },
        { "noviembre" }, { "diciembre" } },
      { { "lunes" }, { "martes" }, { "miercoles" }, { "jueves" }, { "viernes" },
        { "sabado" }, { "domingo" } },
      spanish_labels },
    { "italian",
      { { "gennaio" }, { "febbraio" }, { "marzo" }, { "aprile" }, { "maggio" },
        { "giugno" }, { "luglio" }, { "agosto" }, { "settembre" }, { "ottobre" },
        { "novembre" }, { "dicembre" } },
      { { "lunedi" }, { "martedi" }, { "mercoledi" }, { "giovedi" }, { "venerdi" },
        { "sabato" }, { "domenica" } },
      italian_labels },
    { "dutch",
      { { "januari" }, { "februari" }, { "maart", "mrt" }, { "april" }, { "mei" },
        { "juni" }, { "juli" }, { "augustus" }, { "september" }, { "oktober" },
        { "november" }, { "december" } },
      { { "maandag", "ma" }, { "dinsdag", "di" }, { "woensdag", "wo" },
        { "donderdag", "do" }, { "vrijdag", "vr" }, { "zaterdag", "za" },
        { "zondag", "zo" } },
      dutch_labels },
    { "portuguese",
      { { "janeiro" }, { "fevereiro" }, { "marco" }, { "abril" }, { "maio" },
        { "junho" }, { "julho" }, { "agosto" }, { "setembro" }, { "outubro" },
        { "novembro" }, { "dezembro" } },
      /* "segunda-feira": date.c skips the "-feira" after a weekday. */
      { { "segunda" }, { "terca" }, { "quarta" }, { "quinta" }, { "sexta" },
        { "sabado" }, { "domingo" } },
      portuguese_labels },
    { "danish",
      { { "januar" }, { "februar" }, { "marts" }, { "april" }, { "maj" }, { "juni" },
        { "juli" }, { "august" }, { "september" }, { "oktober" }, { "november" },
        { "december" } },
      { { "mandag" }, { "tirsdag" }, { "onsdag" }, { "torsdag" }, { "fredag" },
        { "lordag" }, { "sondag" } },
      danish_labels },
    { "norwegian",
      { { "januar" }, { "februar" }, { "mars" }, { "april" }, { "mai" }, { "juni" },
        { "juli" }, { "august" }, { "september" }, { "oktober" }, { "november" },
        { "desember" } },
      { { "mandag" }, { "tirsdag" }, { "onsdag" }, { "torsdag" }, { "fredag" },
        { "lordag" }, { "sondag" } },
      norwegian_labels },
    { "swedish",
      { { "januari" }, { "februari" }, { "mars" }, { "april" }, { "maj" }, { "juni" },
        { "juli" }, { "augusti" }, { "september" }, { "oktober" }, { "november" },
        { "december" } },
      { { "mandag" }, { "tisdag" }, { "onsdag" }, { "torsdag" }, { "fredag" },
        { "lordag" }, { "sondag" } },
      swedish_labels },
    /* Finnish writes the month in the partitive after a day ("3.
     * kesäkuuta 2014") and the weekday in the essive ("maanantaina"). */
    { "finnish",
      { { "tammikuu", "tammikuuta" }, { "helmikuu", "helmikuuta" },
        { "maaliskuu", "maaliskuuta" }, { "huhtikuu", "huhtikuuta" },
        { "toukokuu", "toukokuuta" }, { "kesakuu", "kesakuuta" },
        { "heinakuu", "heinakuuta" }, { "elokuu", "elokuuta" },
        { "syyskuu", "syyskuuta" }, { "lokakuu", "lokakuuta" },
        { "marraskuu", "marraskuuta" }, { "joulukuu", "joulukuuta" } },
      { { "maanantai", "maanantaina" }, { "tiistai", "tiistaina" },
        { "keskiviikko", "keskiviikkona" }, { "torstai", "torstaina" },
        { "perjantai", "perjantaina" }, { "lauantai", "lauantaina" },
        { "sunnuntai", "sunnuntaina" } },
      finnish_labels },
    { "romanian",
      { { "ianuarie" }, { "februarie" }, { "martie" }, { "aprilie" }, { "mai" },
        { "iunie" }, { "iulie" }, { "august" }, { "septembrie" }, { "octombrie" },
        { "noiembrie" }, { "decembrie" } },
      { { "luni" }, { "marti" }, { "miercuri" }, { "joi" }, { "vineri" },
        { "sambata" }, { "duminica" } },
      romanian_labels },
    { "hungarian",
      { { "januar" }, { "februar" }, { "marcius" }, { "aprilis" }, { "majus" },
        { "junius" }, { "julius" }, { "augusztus" }, { "szeptember" }, { "oktober" },
        { "november" }, { "december" } },
      { { "hetfo" }, { "kedd" }, { "szerda" }, { "csutortok" }, { "pentek" },
        { "szombat" }, { "vasarnap" } },
      hungarian_labels },
    { "turkish",
      { { "ocak" }, { "subat" }, { "mart" }, { "nisan" }, { "mayis" }, { "haziran" },
        { "temmuz" }, { "agustos" }, { "eylul" }, { "ekim" }, { "kasim" },
        { "aralik" } },
      { { "pazartesi" }, { "sali" }, { "carsamba" }, { "persembe" }, { "cuma" },
        { "cumartesi" }, { "pazar" } },
      turkish_labels },
    { "indonesian",
      { { "januari" }, { "februari" }, { "maret" }, { "april" }, { "mei" }, { "juni" },
        { "juli" }, { "agustus" }, { "september" }, { "oktober" }, { "november" },
        { "desember" } },
      { { "senin" }, { "selasa" }, { "rabu" }, { "kamis" }, { "jumat" }, { "sabtu" },
        { "minggu" } },
      indonesian_labels },
    { "catalan",
      { { "gener" }, { "febrer" }, { "marc" }, { "abril" }, { "maig" }, { "juny" },
        { "juliol" }, { "agost" }, { "setembre" }, { "octubre" }, { "novembre" },
        { "desembre" } },
      { { "dilluns" }, { "dimarts" }, { "dimecres" }, { "dijous" }, { "divendres" },
        { "dissabte" }, { "diumenge" } },
      catalan_labels },
    /* Russian writes the month in the genitive after a day ("15 августа"). */
    { "russian",
      { { "январь", "января" }, { "февраль", "февраля" }, { "март", "марта" },
        { "апрель", "апреля" }, { "май", "мая" }, { "июнь", "июня" },
        { "июль", "июля" }, { "август", "августа" }, { "сентябрь", "сентября" },
        { "октябрь", "октября" }, { "ноябрь", "ноября" }, { "декабрь", "декабря" } },
      { { "понедельник", "пн" }, { "вторник", "вт" }, { "среда", "ср" },
        { "четверг", "чт" }, { "пятница", "пт" }, { "суббота", "сб" },
        { "воскресенье", "вс" } },
      russian_labels },
    { NULL, { { NULL } }, { { NULL } }, NULL }
};
