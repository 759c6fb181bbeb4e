# The results: a card per file, and the All findings view.

## Shared column headings.

results-severity = Severity
results-what = What
results-where = Where

## A file's card.

card-checking = Checking…
card-not-checked = Not checked
card-patient-name = Patient name
card-birth-date = Birth date
card-patient-id = Patient ID
card-not-present = not present
card-no-name = (no name)
card-born = born { $date }
card-id = ID { $id }
card-archive = Archive
card-file-number = File { $number }
card-kind-tool-output = { $tool } output
card-kind-nmap-grepable = nmap grepable output
card-kind-worklist = { $format } worklist
card-kind-xlsx-worklist = Excel workbook (XLSX) worklist
card-notes = { $count ->
        [one] 1 note
       *[other] { $count } notes
    } on reading this file
card-export-summary = { $kind } · { $records ->
        [one] 1 record
       *[other] { $records } records
    } · { $people ->
        [one] 1 person
       *[other] { $people } people
    }
card-network-summary = { $kind } · { $services ->
        [one] 1 exposed service
       *[other] { $services } exposed services
    }
card-more-people = and { $count } more (see People)
card-findings = { $count ->
        [one] 1 finding
       *[other] { $count } findings
    }
card-worst = worst:
card-value-masked = Value (masked)
card-more-findings = { $count } more of medium severity or worse
card-all-in-view = (the All findings view lists them all)
card-show-fewer = Show fewer
card-show-all = Show all { $count }
card-show-first = Show the first { $count }

## The All findings view. Labels are followed by their control.

findings-filters-label = Filter findings
findings-at-least = At least
findings-kind = Kind
findings-all-kinds = all kinds
findings-rule = Rule
findings-all-rules = all rules
findings-search = Search
findings-sort-by = Sort by
findings-sort-severity = severity
findings-sort-file = file
findings-show-values = Show values
findings-mask-values = Mask values
views-held = This view shows { $count ->
        [one] the 1 file
       *[other] the { $count } files
    } checked when you opened it; it is brought up to date once every file is checked.
findings-matching = { $count ->
        [one] 1 finding matches
       *[other] { $count } findings match
    }
findings-first-shown = ; the first { $count } are shown
findings-file = File
findings-value = Value
findings-details-heading = Details
findings-file-number = file { $number }
findings-show-one = show
findings-mask-one = mask
findings-show-one-label = Show value of { $what }
findings-mask-one-label = Mask value of { $what }
findings-details = details
findings-where-exactly = Keyword { $keyword } · VR { $vr } · tag path { $path }
findings-why = Why it matters:
findings-fix = What to do:
