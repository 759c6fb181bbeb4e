# Die Ergebnisse: eine Karte je Datei und die Ansicht aller Befunde.

## Gemeinsame Spaltenköpfe.

results-severity = Schweregrad
results-what = Was
results-where = Wo

## Die Karte einer Datei.

card-checking = Wird geprüft…
card-not-checked = Nicht geprüft
card-patient-name = Name
card-birth-date = Geburtsdatum
card-patient-id = Patienten-ID
card-not-present = nicht vorhanden
card-no-name = (kein Name)
card-born = geboren { $date }
card-id = ID { $id }
card-archive = Archiv
card-file-number = Datei { $number }
card-kind-tool-output = Ausgabe von { $tool }
card-kind-nmap-grepable = Grepbare Ausgabe von nmap
card-kind-worklist = { $format }-Arbeitsliste
card-kind-xlsx-worklist = Arbeitsliste als Excel-Arbeitsmappe (XLSX)
card-notes = { $count ->
        [one] 1 Hinweis
       *[other] { $count } Hinweise
    } beim Lesen dieser Datei
card-export-summary = { $kind } · { $records ->
        [one] 1 Datensatz
       *[other] { $records } Datensätze
    } · { $people ->
        [one] 1 Person
       *[other] { $people } Personen
    }
card-network-summary = { $kind } · { $services ->
        [one] 1 offener Dienst
       *[other] { $services } offene Dienste
    }
card-more-people = und { $count } weitere (siehe Personen)
card-findings = { $count ->
        [one] 1 Befund
       *[other] { $count } Befunde
    }
card-worst = höchster:
card-value-masked = Wert (maskiert)
card-more-findings = { $count } weitere mit mittlerem oder höherem Schweregrad
card-all-in-view = (die Ansicht „Alle Befunde“ listet sie alle)
card-show-fewer = Weniger zeigen
card-show-all = Alle { $count } zeigen
card-show-first = Die ersten { $count } zeigen

## Die Ansicht „Alle Befunde“. Auf jede Beschriftung folgt ihr Bedienelement.

findings-filters-label = Befunde filtern
findings-at-least = Mindestens
findings-kind = Art
findings-all-kinds = alle Arten
findings-rule = Regel
findings-all-rules = alle Regeln
findings-search = Suchen
findings-sort-by = Sortieren nach
findings-sort-severity = Schweregrad
findings-sort-file = Datei
findings-show-values = Werte zeigen
findings-mask-values = Werte maskieren
views-held = Diese Ansicht zeigt { $count ->
        [one] die 1 Datei
       *[other] die { $count } Dateien
    }, die beim Öffnen geprüft waren; sie wird aktualisiert, sobald alle Dateien geprüft sind.
findings-matching = { $count ->
        [one] 1 Befund passt
       *[other] { $count } Befunde passen
    }
findings-first-shown = ; die ersten { $count } werden gezeigt
findings-file = Datei
findings-value = Wert
findings-details-heading = Details
findings-file-number = Datei { $number }
findings-show-one = zeigen
findings-mask-one = maskieren
findings-show-one-label = Wert von { $what } zeigen
findings-mask-one-label = Wert von { $what } maskieren
findings-details = Details
findings-where-exactly = Schlüsselwort { $keyword } · VR { $vr } · Tag-Pfad { $path }
findings-why = Warum es wichtig ist:
findings-fix = Was zu tun ist:
