# The page itself: title, promise, language switch, drop zone, progress, exports, clean copy,
# offline note.

language-label = Language
language-failed = This language could not be loaded ({ $error }). The page stays in the language it had.
views-failed = This part of the page could not be loaded ({ $error }). Reload the page to try again; nothing left this computer.
views-loading = Loading this part of the page…

## Page: masthead and its two parts. The promise is one sentence around a <strong> part.

page-title = DICOM Exposure Self-Check
page-promise-before = See what in your medical images identifies you.
page-promise-strong = Nothing leaves this computer:
page-promise-after = your files are read here, in this page, and never uploaded.
page-parts-label = Parts of this page
page-tab-scan = 1. Check your files
page-tab-checklist = 2. What to do: guided checklist

## Offline note (under the promise).

offline-ready = Works offline: this page is saved in your browser, so it opens and checks files even without a network.
offline-update = A new version of this page is ready.
offline-reload = Reload to use it

## Drop zone.

drop-title = Drop files or folders here
drop-hint = DICOM files from a CD, a USB stick or a download, ZIP, tar or gzip archives, PACS query exports (findscu, DICOMweb, Orthanc, CSV or Excel lists) and nmap results.
drop-choose-files = Choose files
drop-choose-folder = Choose a folder
drop-try-sample = Try a sample
drop-files-label = Choose files to check
drop-folder-label = Choose a folder to check
drop-pixels = Check the pixels too: find text drawn into the images
drop-pixels-hint = Downloads about { $kib } KiB once (reading the text found, if you ask, about { $ocr } MB more). The images are looked at on this computer; files added after turning it on are checked.
drop-pixels-recheck = Check the pixels of { $count ->
    [one] the file
   *[other] the { $count } files
} added before

## Progress of a scan. $size is a size-* text, $rate a whole number, $left empty or a
## time-left-* text (which starts with its own comma).

progress-label = Files checked
progress-starting = Checking { $count ->
        [one] 1 file
       *[other] { $count } files
    }…
progress-running = Checked { $done } of { $count ->
        [one] 1 file
       *[other] { $count } files
    } · { $size } · { $rate } files/s{ $left }
progress-done = Done: { $count ->
        [one] 1 file
       *[other] { $count } files
    } · { $size }
progress-cancel = Cancel
time-left-seconds = , about { $n } s left
time-left-minutes = , about { $n } min left

## Sizes. $n is a number already formatted (decimal mark included).

size-bytes = { $count ->
        [one] 1 byte
       *[other] { $count } bytes
    }
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## Exports.

exports-json = Save report (JSON)
exports-csv = Save findings (CSV)
exports-print = Print report
exports-note = Exports are masked, and file names are replaced by numbers.

## Results: heading, print-only heading, views, file cards.

results-title = What these files reveal
results-pending = ({ $count } still being checked.)
results-print-heading = Report of { $date } by dicom-exposure-check { $version }: { $count ->
        [one] 1 file
       *[other] { $count } files
    } scanned. File names are not printed (they often hold patients' names); files are numbered as in the JSON export.
results-masked-note = Values are masked: only initials, the birth year and the last characters of an ID are shown.
results-views-label = Views of the results
results-view-files = Files
results-view-people = People
results-view-findings = All findings
cards-print-first = This printout lists the first { $shown } of { $count } files (the page shows more on request); the JSON export lists them all.
cards-show-more = Show { $more ->
        [one] 1 more file
       *[other] { $more } more files
    } (showing { $shown } of { $count })

## People view.

people-none = These files name no one.
people-count = { $count ->
        [one] 1 person
       *[other] { $count } people
    } named
people-count-partial = { $count ->
        [one] 1 person
       *[other] { $count } people
    } named; the first { $listed } are listed
people-col-name = Name
people-col-birth = Birth date
people-col-id = Patient ID
people-col-files = Files
people-col-holds = What the files hold
people-col-worst = Worst
people-no-name = no name
people-not-present = not present
people-show-more = Show { $more ->
        [one] 1 more person
       *[other] { $more } more people
    } (showing { $listed } of { $count })
people-print-first = This printout lists the first { $listed } of { $count } people; the JSON export lists them all.

## Clean copy: options. A checkbox's .hint follows its label in small type.

copy-title = Make a clean copy
copy-intro = A copy of these DICOM files you can share: names, IDs, birth dates, addresses, doctors and hospitals removed as the DICOM standard's de-identification profile asks; the images themselves unchanged. Every copy is checked again here; a file that cannot be proven clean is left out, with the reason. Nothing is uploaded.
copy-options = Options
copy-dates-label = Dates:
copy-dates-remove = remove them
copy-dates-shift = move each person's dates by the same secret number of days
copy-dates-keep = keep them (they can identify you)
copy-characteristics = Keep age, sex, size and weight
    .hint = (useful to a doctor; they narrow down who you are)
copy-device = Keep the scanner's make and serial number
copy-institution = Keep the hospital or clinic name
copy-uids = Keep the original UIDs
    .hint = (lets the copy be matched with the originals)
copy-safe-private = Keep vendor measurements known to be safe
    .hint = (such as PET SUV factors and diffusion b-values; the standard's safe list)
copy-burned-in = Also copy images that may show text in the pixels
    .hint = (ultrasound, screenshots, scanned documents: check them yourself)
copy-black-out = Look for text in the pixels and black it out
    .hint = (uncompressed images only; compressed ones with text are left out; the detector misses some text, so look at the copies it changed)
copy-name-prefix-label = New names:
copy-name-prefix-hint = and a number ("{ $prefix } 1")
copy-id-prefix-label = New patient IDs:
copy-id-prefix-hint = and a number ("{ $prefix }1")
copy-prefix-empty = a replacement prefix may not be empty
copy-prefix-too-long = a replacement prefix may have at most { $max } characters, not { $count }
copy-prefix-character = a replacement prefix may not contain { $character }, which has a meaning in DICOM values

## Clean copy: where it goes, progress and outcome. $limit and $size are in MB.

copy-to-folder = Copy into a folder…
copy-to-zip = Download the copy as a ZIP
copy-cancel = Cancel
copy-zip-too-large-folder = A ZIP is made in this page's memory, so it is offered for sets up to { $limit } MB (these files: { $size } MB). Copy into a folder instead.
copy-zip-too-large-no-folder = A ZIP is made in this page's memory, so it is offered for sets up to { $limit } MB (these files: { $size } MB). Use Chrome or Edge to copy into a folder, or the command-line tool.
copy-file-limit = Files over { $limit } MB are left out (the command-line tool copies them).
copy-progress-label = Files copied
copy-running = Copying: { $done } of { $count } files, { $copied } written…
copy-done-folder = Done: { $count ->
        [one] 1 clean copy
       *[other] { $count } clean copies
    } written into the new folder “{ $folder }”.
copy-done-zip = Done: { $count ->
        [one] 1 clean copy
       *[other] { $count } clean copies
    } in clean-copy.zip (in your downloads).
copy-people = { $count ->
        [one] 1 person is
       *[other] { $count } people are
    } each given a new name.
copy-left-out = { $count ->
        [one] 1 file was
       *[other] { $count } files were
    } left out; MANIFEST.txt in the copy says which (by number) and why.
copy-check-yourself = Drop the copy on this page to check it yourself.
copy-left-out-list = Files left out ({ $count })
copy-manifest = What was done (MANIFEST.txt)
copy-failed = No copy was made: { $reason }
copy-no-worker = This browser could not start the copier.
copy-crashed = The copier stopped (the browser may have run out of memory). Try fewer files at a time, or the command-line tool.
copy-folder-not-opened = The folder could not be opened: { $reason }
copy-folder-not-made = A folder could not be made there: { $reason }
copy-cancelling = Cancelling: removing what was written…
copy-cancelled = Cancelled. Nothing of the copy was kept.
copy-cancelled-left = Cancelled, but the folder “{ $folder }” could not be removed ({ $reason }): delete it yourself, as it holds a part of the copy only.

# The pixel check's line on an image's card.
card-pixels-text-badge = Text in the image
card-pixels-text = Text is drawn into this image: { $boxes ->
    [one] one line
   *[other] { $boxes } lines
} found, first in frame { $frame }. Anyone who sees the image can read it.
card-pixels-show = Show where (drawn here only)
card-pixels-hide = Hide the image
card-pixels-frame-label = The frame where text was found, each line of text outlined in red
card-pixels-caption = Drawn on this page only: it is not saved, printed or put in any export.
card-pixels-no-picture = No picture of it is kept: the page keeps pictures of the first { $count } images with text.
card-pixels-clean = Pixels checked ({ $frames ->
    [one] one frame
   *[other] { $frames } frames
}): no text found.
card-pixels-not-checked = Pixels not checked: { $reason }. Look at this image yourself.
card-pixels-read = Read the text here (downloads about { $mb } MB once)
card-pixels-reading = Reading the text on this computer…
card-pixels-read-failed = The text could not be read: { $error }
card-pixels-read-nothing-to-compare = Read. The file's header has no name, ID or birth date to compare it with.
card-pixels-read-no-repeat = Read: the text does not repeat the patient's name, ID or birth date as the header writes them. Reading can miss: look at the image yourself.
card-pixels-read-repeats = Read: the text repeats the patient's { $what } from the header. Anyone who sees this image sees who it is.
card-pixels-repeats-name = name
card-pixels-repeats-id = ID
card-pixels-repeats-birth-date = birth date
