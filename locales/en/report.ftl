# Texts with grammar that the core writes: the verdict, the letter to the provider, rule
# texts made from parts. The CLI and the JSON report use this English; the page uses the
# catalogue of the language chosen.

## Annex E rows: the table has no prose of its own; $action is an action-* text.

annex-e-fix = A de-identifier following the DICOM Basic Profile would have { $action } this attribute. Do that before sharing the file.

## The letter to the provider.

letter-subject = Subject: Questions about how my medical images are protected
letter-greeting = Dear Sir or Madam,
letter-opening-ask = I am a patient of your practice. In 2019, reporters from ProPublica and Bayerischer Rundfunk found 187 imaging servers in the United States that anyone on the Internet could open without a password, exposing millions of patients' names, birth dates and sometimes Social Security numbers. I would like to understand how my images are protected, and I would be grateful for answers to the following questions:
letter-opening-confirm = I am a patient of your practice. In 2019, reporters from ProPublica and Bayerischer Rundfunk found 187 imaging servers in the United States that anyone on the Internet could open without a password, exposing millions of patients' names, birth dates and sometimes Social Security numbers. I would like to understand how my images are protected, and I would be grateful for a short confirmation of the following:
letter-confirm-login = Could you confirm in writing that my images cannot be reached over the Internet without my own login and password?
letter-confirm-assessment = Could you confirm that you, and the imaging centre you refer patients to, have carried out the HIPAA security risk assessment in the last 12 months?
letter-closing = Thank you for your time. A reply by letter or e-mail is fine.
letter-regards = Kind regards,
letter-sign-here = [your name]

## What a scan shows, beside a checklist step.

evidence-network = nmap: { $host }:{ $port } { $what } ({ $place })
evidence-any-aet = accepts any AE title
evidence-aet-guessed = accepted an AE title that dicom-brute guessed
evidence-dicom-open = answers DICOM
evidence-dicom-port-open = is open on a DICOM port
evidence-dicom-tls = answers DICOM over TLS
evidence-pacs-web = serves a PACS web viewer or REST API
evidence-query-answered = is reachable
evidence-public-address = public address
evidence-private-address = private address: reachable inside your network; confirm it is not reachable from outside
evidence-query-export = { $file } ({ $format }): the server answered a query with { $people ->
        [one] 1 person
       *[other] { $people } people
    } in { $records ->
        [one] 1 record
       *[other] { $records } records
    }; if the query came from a machine or AE title not on your allow-list, anyone can query
evidence-files = { $files ->
        [one] 1 image file
       *[other] { $files } image files
    } identify { $people ->
        [one] 1 person
       *[other] { $people } people
    }
evidence-files-holding = { evidence-files }: { $categories }
evidence-burned-in = { $files ->
        [one] 1 image has
       *[other] { $files } images have
    } text burned into the pixels, which removing header fields does not remove
evidence-broken-deidentification = { $files ->
        [one] 1 file claims to be de-identified but still carries
       *[other] { $files } files claim to be de-identified but still carry
    } identifiers
evidence-server-info = { $file }: the server reports { $text }

## Why a step is on the action plan of the checklist.

plan-answered-no = you answered no
plan-answered-not-sure = you answered not sure
plan-scan-shows = the scan shows { $sentences }

## The verdict that opens the report. $scanned counts the files read.

verdict-none-read = None of the { $files ->
        [one] 1 file
       *[other] { $files } files
    } could be read.
verdict-clean = { $scanned ->
        [one] This file names no one and holds
       *[other] These { $scanned } files name no one and hold
    } no identifier we know of.
verdict-names-no-one = { $scanned ->
        [one] This file names
       *[other] These { $scanned } files name
    } no one
verdict-other-details = { $scanned ->
        [one] This file names no one, but holds other identifying details
       *[other] These { $scanned } files name no one, but { $with ->
            [one] 1 file holds
           *[other] { $with } files hold
        } other identifying details
    }
verdict-identifies = { $scanned ->
        [one] This file identifies
       *[other] These { $scanned } files identify
    } { $people ->
        [one] 1 person
       *[other] { $people } people
    }
verdict-identifies-by = { verdict-identifies } by { $traits }
verdict-by-name = name
verdict-by-birth-date = birth date
verdict-by-id = patient ID
verdict-also = { $files ->
        [one] 1 file also holds
       *[other] { $files } files also hold
    } { $what }
verdict-network = A network scan shows { $services ->
        [one] 1 imaging service
       *[other] { $services } imaging services
    } reachable over the network.
verdict-failed = { $files ->
        [one] 1 file
       *[other] { $files } files
    } could not be read.

## Lists: "a, b and c". $init is the items but the last, joined by commas.

list-and = { $init } and { $last }

## The findings CSV: its first line (a comment, so it holds no comma) and its headers.
## $revealed is "yes" or "no".

csv-about = # { $tool } { $version } report of { $date }: { $scanned ->
        [one] 1 file
       *[other] { $scanned } files
    } scanned; { $failed } not read; { $people ->
        [one] 1 person
       *[other] { $people } people
    }; { $findings ->
        [one] 1 finding
       *[other] { $findings } findings
    }; { $services ->
        [one] 1 exposed service
       *[other] { $services } exposed services
    }; values { $revealed ->
        [yes] revealed
       *[no] masked
    }
csv-file = file
csv-location = location
csv-path = path
csv-keyword = keyword
csv-vr = vr
csv-rule-id = rule_id
csv-category = category
csv-severity = severity
csv-value = value

## The report's summary as text (the CLI prints it; the page prints it with the plan).

summary-none = none
summary-counts = Worst severity: { $worst }. Files: { $scanned } scanned, { $failed } not read, { $with } with findings. Studies: { $studies }.
summary-pixels = Pixels: { $checked } images looked at, text found in { $text }; { $unchecked } could not be looked at.
summary-kinds = What the files hold (files per kind):
summary-people = People:
summary-no-name = (no name)
summary-person = { $name } | born { $born } | ID { $id } | { $files ->
        [one] 1 file
       *[other] { $files } files
    } | worst { $worst }
summary-dicomdir = DICOMDIR { $name }: references { $referenced ->
        [one] 1 file
       *[other] { $referenced } files
    }, { $scanned } scanned with it, { $missing } missing

## What the page says about a file beyond its findings. A reader's own detail ($reason,
## $error) stays in English.

file-not-read = Not a format this tool reads: { $what }
file-not-recognised = Not a format this tool reads (tried DICOM Part 10 and raw datasets, ZIP, { $tried }): { $reason }.
file-not-dicom = Not a DICOM file: { $reason }.
file-too-large = This { $what } is larger than { $mib } MiB, the most this tool reads whole; split it into smaller files.
file-empty-archive = This archive holds no files (it is empty, or holds only folders): nothing to check.
file-appended-text = Text appended after the DICOM data, scanned as free text.
file-archive-of = { $members ->
        [one] An archive holding 1 file, listed below.
       *[other] An archive holding { $members } files; each is listed below.
    }
file-archive-broke = { $failure } { $members ->
        [one] The 1 file checked before that is listed below.
       *[other] The { $members } files checked before that are listed below.
    }
file-cancelled = Not checked: the scan was cancelled.
file-crashed = The scanner crashed on this file (it may be damaged, or too large for this browser); it was restarted and the other files go on.
file-silent = The scanner stopped answering on this file (after { $seconds } s); it was restarted and the other files go on.
file-nothing-back = The scanner sent nothing back for this file.
file-browser-could-not-read = The browser could not read this file: { $error }
file-not-handed-over = The browser could not hand this file to the scanner.
file-no-scanner = The scanner could not start in this browser; try a current Chrome, Edge, Firefox or Safari.
