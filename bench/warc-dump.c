/* warc-dump.c: list the records of WARC files as trawl's reader sees them (debugging, bench/).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage: trawl-warc-dump [-p] [-q] [-m BYTES] FILE...
 * One line per record, tab-separated: offset, length, stream offset,
 * stream length, WARC-Type, HTTP status, the skip reason ("usable" for an
 * article), payload bytes (usable records; "-" otherwise), CRC-32,
 * target URI.  Errors go to stderr as "FILE: offset N: reason".
 *   -p        also print each usable record's payload after its line
 *   -q        print nothing per record; only the summary
 *   -m BYTES  the block limit (warc_options_t.max_block)
 * The summary (stderr): records, usable, skipped by reason, errors, the
 * file bytes read, and the speed in MB/s of the file bytes, by wall time
 * and by CPU time (user and system: on a shared machine the steadier one).
 * Exit status: 0, 1 if any record or file failed, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "warc.h"

typedef struct {
    unsigned long records, errors, skipped[WARC_SKIP_COUNT];
    unsigned long long payload_bytes, file_bytes;
} totals_t;

/* Prints REC (when PRINT) and decodes its payload if it is usable.
 * Returns 0, or -1 when the payload could not be decoded. */
static int dump_record(warc_reader_t *r, const warc_record_t *rec, int print, int payloads,
                       totals_t *t)
{
    const char *payload = NULL;
    size_t len = 0;
    int have_payload = 0, rc = 0;

    if (rec->skip == WARC_USABLE) {
        if (warc_payload(r, &payload, &len) == WARC_OK) {
            have_payload = 1;
            t->payload_bytes += len;
        } else {
            rc = -1;
        }
    }
    if (print) {
        printf("%llu\t%llu\t%llu\t%llu\t%s\t%d\t%s\t", (unsigned long long)rec->offset,
               (unsigned long long)rec->length, (unsigned long long)rec->stream_offset,
               (unsigned long long)rec->stream_length, rec->type_name ? rec->type_name : "-",
               rec->http_status, warc_skip_name(rec->skip));
        if (have_payload)
            printf("%zu", len);
        else
            putchar('-');
        printf("\t%08lx\t%s\n", (unsigned long)rec->crc32, rec->target_uri ? rec->target_uri : "-");
        if (payloads && have_payload) {
            fwrite(payload, 1, len, stdout);
            putchar('\n');
        }
    }
    return rc;
}

/* Reads PATH; returns 0, or 1 if anything in it failed. */
static int dump_file(const char *path, const warc_options_t *options, int print, int payloads,
                     totals_t *t)
{
    char *errmsg = NULL;
    warc_reader_t *r = warc_open(path, options, &errmsg);
    const warc_record_t *rec;
    warc_status_t st;
    int failed = 0;

    if (r == NULL) {
        fprintf(stderr, "trawl-warc-dump: error: %s: %s\n", path, errmsg ? errmsg : "out of memory");
        free(errmsg);
        return 1;
    }
    while ((st = warc_next(r, &rec)) != WARC_END && st != WARC_FAILED) {
        if (st == WARC_BAD_RECORD) {
            fprintf(stderr, "trawl-warc-dump: error: %s: %s\n", path, warc_error(r)->text);
            t->errors++;
            failed = 1;
            continue;
        }
        t->records++;
        if (rec->skip != WARC_USABLE)
            t->skipped[rec->skip]++;
        if (dump_record(r, rec, print, payloads, t) != 0) {
            fprintf(stderr, "trawl-warc-dump: error: %s: %s\n", path, warc_error(r)->text);
            t->errors++;
            failed = 1;
        }
    }
    if (st == WARC_FAILED) {
        fprintf(stderr, "trawl-warc-dump: error: %s: %s\n", path, warc_error(r)->text);
        t->errors++;
        failed = 1;
    }
    warc_close(r);
    {
        FILE *f = fopen(path, "rb");
        if (f != NULL) {
            fseek(f, 0, SEEK_END);
            t->file_bytes += (unsigned long long)ftell(f);
            fclose(f);
        }
    }
    return failed;
}

int main(int argc, char **argv)
{
    warc_options_t options = { 0 };
    totals_t t = { 0 };
    int print = 1, payloads = 0, failed = 0, opt;
    struct timespec start, end;
    struct rusage usage;
    double seconds, cpu;

    while ((opt = getopt(argc, argv, "pqm:")) != -1) {
        if (opt == 'p')
            payloads = 1;
        else if (opt == 'q')
            print = 0;
        else if (opt == 'm')
            options.max_block = (size_t)strtoull(optarg, NULL, 10);
        else {
            fprintf(stderr, "usage: trawl-warc-dump [-p] [-q] [-m BYTES] FILE...\n");
            return 2;
        }
    }
    if (optind == argc) {
        fprintf(stderr, "usage: trawl-warc-dump [-p] [-q] [-m BYTES] FILE...\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = optind; i < argc; i++)
        failed |= dump_file(argv[i], &options, print, payloads, &t);
    clock_gettime(CLOCK_MONOTONIC, &end);
    seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    getrusage(RUSAGE_SELF, &usage);
    cpu = (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
          + (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    {
        unsigned long skipped = 0;
        for (int k = 1; k < WARC_SKIP_COUNT; k++)
            skipped += t.skipped[k];
        fprintf(stderr, "%lu records, %lu usable (%llu payload bytes), %lu errors; skipped %lu",
                t.records, t.records - skipped, t.payload_bytes, t.errors, skipped);
        for (int k = 1, first = 1; k < WARC_SKIP_COUNT; k++)
            if (t.skipped[k]) {
                fprintf(stderr, "%s %s %lu", first ? ":" : ",", warc_skip_name((warc_skip_t)k),
                        t.skipped[k]);
                first = 0;
            }
        fprintf(stderr, "\n%llu file bytes in %.3f s, %.3f s of CPU: %.1f MB/s, %.1f MB/s of CPU\n",
                t.file_bytes, seconds, cpu, seconds > 0 ? (double)t.file_bytes / 1e6 / seconds : 0.0,
                cpu > 0 ? (double)t.file_bytes / 1e6 / cpu : 0.0);
    }
    return failed;
}
