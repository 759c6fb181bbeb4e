# Die Seite selbst: Titel, Versprechen, Sprachwahl, Ablagefläche, Fortschritt, Exporte,
# bereinigte Kopie, Offline-Hinweis.

language-label = Sprache
language-failed = Diese Sprache konnte nicht geladen werden ({ $error }). Die Seite bleibt in ihrer bisherigen Sprache.
views-failed = Dieser Teil der Seite konnte nicht geladen werden ({ $error }). Laden Sie die Seite neu, um es noch einmal zu versuchen; nichts hat diesen Computer verlassen.
views-loading = Dieser Teil der Seite wird geladen…

## Page: masthead and its two parts. The promise is one sentence around a <strong> part.

page-title = DICOM-Selbsttest zur Datenpreisgabe
page-promise-before = Sehen Sie, was Sie in Ihren medizinischen Bildern identifiziert.
page-promise-strong = Nichts verlässt diesen Computer:
page-promise-after = Ihre Dateien werden hier, auf dieser Seite, gelesen und nie hochgeladen.
page-parts-label = Teile dieser Seite
page-tab-scan = 1. Ihre Dateien prüfen
page-tab-checklist = 2. Was tun: geführte Checkliste

## Offline note (under the promise).

offline-ready = Funktioniert offline: Diese Seite ist in Ihrem Browser gespeichert, sie öffnet sich und prüft Dateien auch ohne Netzwerk.
offline-update = Eine neue Version dieser Seite ist bereit.
offline-reload = Neu laden, um sie zu nutzen

## Drop zone.

drop-title = Dateien oder Ordner hier ablegen
drop-hint = DICOM-Dateien von einer CD, einem USB-Stick oder einem Download, ZIP-, tar- oder gzip-Archive, Exporte von PACS-Abfragen (findscu, DICOMweb, Orthanc, CSV- oder Excel-Listen) und nmap-Ergebnisse.
drop-choose-files = Dateien auswählen
drop-choose-folder = Ordner auswählen
drop-try-sample = Beispiel ausprobieren
drop-files-label = Dateien zum Prüfen auswählen
drop-folder-label = Ordner zum Prüfen auswählen
drop-pixels = Auch die Pixel prüfen: in die Bilder gezeichneten Text finden
drop-pixels-hint = Lädt einmalig etwa { $kib } KiB herunter (den gefundenen Text lesen, wenn Sie es wünschen, etwa { $ocr } MB mehr). Die Bilder werden auf diesem Computer angesehen; geprüft werden Dateien, die Sie danach hinzufügen.
drop-pixels-recheck = Pixel { $count ->
    [one] der vorher hinzugefügten Datei
   *[other] der { $count } vorher hinzugefügten Dateien
} prüfen

## Progress of a scan. $size is a size-* text, $rate a whole number, $left empty or a
## time-left-* text (which starts with its own comma).

progress-label = Geprüfte Dateien
progress-starting = { $count ->
        [one] 1 Datei wird
       *[other] { $count } Dateien werden
    } geprüft…
progress-running = { $done } von { $count } Dateien geprüft · { $size } · { $rate } Dateien/s{ $left }
progress-done = Fertig: { $count ->
        [one] 1 Datei
       *[other] { $count } Dateien
    } · { $size }
progress-cancel = Abbrechen
time-left-seconds = , noch etwa { $n } s
time-left-minutes = , noch etwa { $n } min

## Sizes. $n is a number already formatted (decimal mark included).

size-bytes = { $count ->
        [one] 1 Byte
       *[other] { $count } Byte
    }
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## Exports.

exports-json = Bericht speichern (JSON)
exports-csv = Befunde speichern (CSV)
exports-print = Bericht drucken
exports-note = Exporte sind maskiert, Dateinamen sind durch Nummern ersetzt.

## Results: heading, print-only heading, views, file cards.

results-title = Was diese Dateien preisgeben
results-pending = ({ $count ->
        [one] 1 wird
       *[other] { $count } werden
    } noch geprüft.)
results-print-heading = Bericht vom { $date } von dicom-exposure-check { $version }: { $count ->
        [one] 1 Datei
       *[other] { $count } Dateien
    } geprüft. Dateinamen werden nicht gedruckt (sie enthalten oft Namen von Patienten); die Dateien sind wie im JSON-Export nummeriert.
results-masked-note = Die Werte sind maskiert: Nur Initialen, das Geburtsjahr und die letzten Zeichen einer ID werden gezeigt.
results-views-label = Ansichten der Ergebnisse
results-view-files = Dateien
results-view-people = Personen
results-view-findings = Alle Befunde
cards-print-first = Dieser Ausdruck enthält die ersten { $shown } von { $count } Dateien (die Seite zeigt auf Wunsch mehr); der JSON-Export enthält alle.
cards-show-more = { $more ->
        [one] 1 weitere Datei
       *[other] { $more } weitere Dateien
    } zeigen ({ $shown } von { $count } sichtbar)

## People view.

people-none = Diese Dateien nennen niemanden.
people-count = { $count ->
        [one] 1 Person
       *[other] { $count } Personen
    } genannt
people-count-partial = { $count ->
        [one] 1 Person
       *[other] { $count } Personen
    } genannt; die ersten { $listed } sind aufgeführt
people-col-name = Name
people-col-birth = Geburtsdatum
people-col-id = Patienten-ID
people-col-files = Dateien
people-col-holds = Was die Dateien enthalten
people-col-worst = Höchste Stufe
people-no-name = kein Name
people-not-present = nicht vorhanden
people-show-more = { $more ->
        [one] 1 weitere Person
       *[other] { $more } weitere Personen
    } zeigen ({ $listed } von { $count } sichtbar)
people-print-first = Dieser Ausdruck enthält die ersten { $listed } von { $count } Personen; der JSON-Export enthält alle.

## Clean copy: options. A checkbox's .hint follows its label in small type.

copy-title = Bereinigte Kopie erstellen
copy-intro = Eine Kopie dieser DICOM-Dateien, die Sie weitergeben können: Namen, IDs, Geburtsdaten, Adressen, Ärzte und Kliniken entfernt, wie es das De-Identifizierungsprofil des DICOM-Standards verlangt; die Bilder selbst bleiben unverändert. Jede Kopie wird hier erneut geprüft; eine Datei, die nicht nachweislich sauber ist, wird mit Begründung weggelassen. Nichts wird hochgeladen.
copy-options = Optionen
copy-dates-label = Datumsangaben:
copy-dates-remove = entfernen
copy-dates-shift = die Daten jeder Person um dieselbe geheime Anzahl Tage verschieben
copy-dates-keep = behalten (sie können Sie erkennbar machen)
copy-characteristics = Alter, Geschlecht, Größe und Gewicht behalten
    .hint = (nützlich für Ärzte; sie grenzen ein, wer Sie sind)
copy-device = Hersteller und Seriennummer des Geräts behalten
copy-institution = Namen der Klinik oder Praxis behalten
copy-uids = Ursprüngliche UIDs behalten
    .hint = (so lässt sich die Kopie den Originalen zuordnen)
copy-safe-private = Herstellermesswerte behalten, die als unbedenklich gelten
    .hint = (etwa PET-SUV-Faktoren und Diffusions-b-Werte; die Liste des Standards)
copy-burned-in = Auch Bilder kopieren, die Text in den Pixeln zeigen können
    .hint = (Ultraschall, Bildschirmfotos, gescannte Dokumente: prüfen Sie diese selbst)
copy-black-out = Text in den Pixeln suchen und schwärzen
    .hint = (nur unkomprimierte Bilder; komprimierte mit Text werden ausgelassen; der Detektor übersieht manchen Text, sehen Sie sich die geänderten Kopien an)
copy-name-prefix-label = Neue Namen:
copy-name-prefix-hint = und eine Nummer („{ $prefix } 1“)
copy-id-prefix-label = Neue Patienten-IDs:
copy-id-prefix-hint = und eine Nummer („{ $prefix }1“)
copy-prefix-empty = ein Ersatzpräfix darf nicht leer sein
copy-prefix-too-long = ein Ersatzpräfix darf höchstens { $max } Zeichen haben, nicht { $count }
copy-prefix-character = ein Ersatzpräfix darf { $character } nicht enthalten, das in DICOM-Werten eine Bedeutung hat

## Clean copy: where it goes, progress and outcome. $limit and $size are in MB.

copy-to-folder = In einen Ordner kopieren…
copy-to-zip = Kopie als ZIP herunterladen
copy-cancel = Abbrechen
copy-zip-too-large-folder = Ein ZIP entsteht im Speicher dieser Seite und wird daher nur bis { $limit } MB angeboten (diese Dateien: { $size } MB). Kopieren Sie stattdessen in einen Ordner.
copy-zip-too-large-no-folder = Ein ZIP entsteht im Speicher dieser Seite und wird daher nur bis { $limit } MB angeboten (diese Dateien: { $size } MB). Kopieren Sie mit Chrome oder Edge in einen Ordner, oder nutzen Sie das Kommandozeilenwerkzeug.
copy-file-limit = Dateien über { $limit } MB werden ausgelassen (das Kommandozeilenwerkzeug kopiert sie).
copy-progress-label = Kopierte Dateien
copy-running = Kopieren: { $done } von { $count } Dateien, { $copied } geschrieben…
copy-done-folder = Fertig: { $count ->
        [one] 1 bereinigte Kopie
       *[other] { $count } bereinigte Kopien
    } in den neuen Ordner „{ $folder }“ geschrieben.
copy-done-zip = Fertig: { $count ->
        [one] 1 bereinigte Kopie
       *[other] { $count } bereinigte Kopien
    } in clean-copy.zip (in Ihren Downloads).
copy-people = { $count ->
        [one] 1 Person erhält
       *[other] { $count } Personen erhalten je
    } einen neuen Namen.
copy-left-out = { $count ->
        [one] 1 Datei wurde
       *[other] { $count } Dateien wurden
    } ausgelassen; MANIFEST.txt in der Kopie nennt, welche (nach Nummer) und warum.
copy-check-yourself = Legen Sie die Kopie auf dieser Seite ab, um sie selbst zu prüfen.
copy-left-out-list = Ausgelassene Dateien ({ $count })
copy-manifest = Was getan wurde (MANIFEST.txt)
copy-failed = Es wurde keine Kopie erstellt: { $reason }
copy-no-worker = Dieser Browser konnte das Kopierprogramm nicht starten.
copy-crashed = Das Kopierprogramm wurde beendet (dem Browser ging womöglich der Speicher aus). Versuchen Sie weniger Dateien auf einmal oder das Kommandozeilenwerkzeug.
copy-folder-not-opened = Der Ordner konnte nicht geöffnet werden: { $reason }
copy-folder-not-made = Dort konnte kein Ordner angelegt werden: { $reason }
copy-cancelling = Wird abgebrochen: Geschriebenes wird entfernt…
copy-cancelled = Abgebrochen. Von der Kopie wurde nichts behalten.
copy-cancelled-left = Abgebrochen, aber der Ordner „{ $folder }“ konnte nicht entfernt werden ({ $reason }): Löschen Sie ihn selbst, er enthält nur einen Teil der Kopie.

# The pixel check's line on an image's card.
card-pixels-text-badge = Text im Bild
card-pixels-text = In dieses Bild ist Text eingezeichnet: { $boxes ->
    [one] eine Zeile
   *[other] { $boxes } Zeilen
}, die erste in Bild { $frame }. Wer das Bild sieht, kann ihn lesen.
card-pixels-show = Zeigen, wo (nur hier gezeichnet)
card-pixels-hide = Bild ausblenden
card-pixels-frame-label = Das Bild, in dem Text gefunden wurde, jede Textzeile rot umrandet
card-pixels-caption = Nur auf dieser Seite gezeichnet: nicht gespeichert, nicht gedruckt, in keinem Export.
card-pixels-no-picture = Kein Bild davon behalten: die Seite behält Bilder der ersten { $count } Bilder mit Text.
card-pixels-clean = Pixel geprüft ({ $frames ->
    [one] ein Bild
   *[other] { $frames } Bilder
}): kein Text gefunden.
card-pixels-not-checked = Pixel nicht geprüft: { $reason }. Sehen Sie sich dieses Bild selbst an.
card-pixels-read = Text hier lesen (lädt einmal etwa { $mb } MB)
card-pixels-reading = Der Text wird auf diesem Computer gelesen…
card-pixels-read-failed = Der Text konnte nicht gelesen werden: { $error }
card-pixels-read-nothing-to-compare = Gelesen. Der Kopf der Datei enthält keinen Namen, keine ID und kein Geburtsdatum zum Vergleich.
card-pixels-read-no-repeat = Gelesen: Der Text wiederholt weder Namen noch ID noch Geburtsdatum des Patienten, wie der Dateikopf sie schreibt. Das Lesen kann irren: Sehen Sie sich das Bild selbst an.
card-pixels-read-repeats = Gelesen: Der Text wiederholt { $what } des Patienten aus dem Dateikopf. Wer dieses Bild sieht, sieht, um wen es geht.
card-pixels-repeats-name = den Namen
card-pixels-repeats-id = die ID
card-pixels-repeats-birth-date = das Geburtsdatum
