# Texte mit Grammatik, die der Kern schreibt: das Urteil, der Brief an die Praxis, aus Teilen
# zusammengesetzte Regeltexte.

## Zeilen aus Annex E. $action ist ein action-*-Text.

annex-e-fix = Ein De-Identifizierungswerkzeug nach dem DICOM Basic Profile hätte dieses Attribut { $action }. Tun Sie das, bevor Sie die Datei weitergeben.

## Der Brief an die Praxis.

letter-subject = Betreff: Fragen zum Schutz meiner medizinischen Bilder
letter-greeting = Sehr geehrte Damen und Herren,
letter-opening-ask = ich bin Patientin bzw. Patient Ihrer Praxis. 2019 fanden Reporter von ProPublica und dem Bayerischen Rundfunk 187 Bildserver in den USA, die jeder im Internet ohne Passwort öffnen konnte, mit Namen, Geburtsdaten und teils Sozialversicherungsnummern von Millionen Patienten; auch in Deutschland waren Server offen. Ich möchte verstehen, wie meine Bilder geschützt sind, und wäre Ihnen für Antworten auf die folgenden Fragen dankbar:
letter-opening-confirm = ich bin Patientin bzw. Patient Ihrer Praxis. 2019 fanden Reporter von ProPublica und dem Bayerischen Rundfunk 187 Bildserver in den USA, die jeder im Internet ohne Passwort öffnen konnte, mit Namen, Geburtsdaten und teils Sozialversicherungsnummern von Millionen Patienten; auch in Deutschland waren Server offen. Ich möchte verstehen, wie meine Bilder geschützt sind, und wäre Ihnen für eine kurze Bestätigung des Folgenden dankbar:
letter-confirm-login = Können Sie mir schriftlich bestätigen, dass meine Bilder über das Internet nicht ohne meine eigene Anmeldung mit Passwort erreichbar sind?
letter-confirm-assessment = Können Sie bestätigen, dass Sie und das Bildgebungszentrum, an das Sie überweisen, in den letzten 12 Monaten eine Risikoanalyse zur IT-Sicherheit durchgeführt haben (in den USA verlangt HIPAA sie)?
letter-closing = Vielen Dank für Ihre Zeit. Eine Antwort per Brief oder E-Mail genügt.
letter-regards = Mit freundlichen Grüßen
letter-sign-here = [Ihr Name]

## Was ein Scan zeigt, neben einem Schritt der Checkliste.

evidence-network = nmap: { $host }:{ $port } { $what } ({ $place })
evidence-any-aet = nimmt jeden AE-Titel an
evidence-aet-guessed = nahm einen AE-Titel an, den dicom-brute erraten hat
evidence-dicom-open = antwortet auf DICOM
evidence-dicom-port-open = hat einen DICOM-Port offen
evidence-dicom-tls = antwortet auf DICOM über TLS
evidence-pacs-web = bietet einen PACS-Webviewer oder eine REST-API an
evidence-query-answered = ist erreichbar
evidence-public-address = öffentliche Adresse
evidence-private-address = private Adresse: in Ihrem Netz erreichbar; prüfen Sie, dass sie von außen nicht erreichbar ist
evidence-query-export = { $file } ({ $format }): Der Server beantwortete eine Abfrage mit { $people ->
        [one] 1 Person
       *[other] { $people } Personen
    } in { $records ->
        [one] 1 Datensatz
       *[other] { $records } Datensätzen
    }; kam die Abfrage von einem Rechner oder AE-Titel, der nicht auf Ihrer Freigabeliste steht, kann jeder abfragen
evidence-files = { $files ->
        [one] 1 Bilddatei identifiziert
       *[other] { $files } Bilddateien identifizieren
    } { $people ->
        [one] 1 Person
       *[other] { $people } Personen
    }
evidence-files-holding = { evidence-files }: { $categories }
evidence-burned-in = { $files ->
        [one] 1 Bild hat
       *[other] { $files } Bilder haben
    } Text in die Pixel eingebrannt, den das Entfernen von Header-Feldern nicht entfernt
evidence-broken-deidentification = { $files ->
        [one] 1 Datei gibt an, de-identifiziert zu sein, enthält aber
       *[other] { $files } Dateien geben an, de-identifiziert zu sein, enthalten aber
    } noch Identifikatoren
evidence-server-info = { $file }: Der Server meldet { $text }

## Warum ein Schritt auf dem Maßnahmenplan der Checkliste steht.

plan-answered-no = Sie haben mit Nein geantwortet
plan-answered-not-sure = Sie haben mit „nicht sicher“ geantwortet
plan-scan-shows = der Scan zeigt: { $sentences }

## Das Urteil am Anfang des Berichts. $scanned zählt die gelesenen Dateien.

verdict-none-read = { $files ->
        [one] Die Datei konnte
       *[other] Keine der { $files } Dateien konnte
    } nicht gelesen werden.
verdict-clean = { $scanned ->
        [one] Diese Datei nennt niemanden und enthält
       *[other] Diese { $scanned } Dateien nennen niemanden und enthalten
    } keinen uns bekannten Identifikator.
verdict-names-no-one = { $scanned ->
        [one] Diese Datei nennt
       *[other] Diese { $scanned } Dateien nennen
    } niemanden
verdict-other-details = { $scanned ->
        [one] Diese Datei nennt niemanden, enthält aber andere identifizierende Angaben
       *[other] Diese { $scanned } Dateien nennen niemanden, aber { $with ->
            [one] 1 Datei enthält
           *[other] { $with } Dateien enthalten
        } andere identifizierende Angaben
    }
verdict-identifies = { $scanned ->
        [one] Diese Datei identifiziert
       *[other] Diese { $scanned } Dateien identifizieren
    } { $people ->
        [one] 1 Person
       *[other] { $people } Personen
    }
verdict-identifies-by = { verdict-identifies } über { $traits }
verdict-by-name = Name
verdict-by-birth-date = Geburtsdatum
verdict-by-id = Patienten-ID
verdict-also = { $files ->
        [one] 1 Datei enthält außerdem
       *[other] { $files } Dateien enthalten außerdem
    } { $what }
verdict-network = Ein Netzwerkscan zeigt { $services ->
        [one] 1 Bildgebungsdienst
       *[other] { $services } Bildgebungsdienste
    }, über das Netzwerk erreichbar.
verdict-failed = { $files ->
        [one] 1 Datei konnte
       *[other] { $files } Dateien konnten
    } nicht gelesen werden.

## Listen: „a, b und c“. $init sind alle Einträge außer dem letzten, durch Kommas getrennt.

list-and = { $init } und { $last }

## Die CSV der Befunde: ihre erste Zeile (ein Kommentar, daher ohne Komma) und ihre Spaltenköpfe.
## $revealed ist "yes" oder "no".

csv-about = # Bericht von { $tool } { $version } vom { $date }: { $scanned ->
        [one] 1 Datei gescannt
       *[other] { $scanned } Dateien gescannt
    }; { $failed } nicht gelesen; { $people ->
        [one] 1 Person
       *[other] { $people } Personen
    }; { $findings ->
        [one] 1 Befund
       *[other] { $findings } Befunde
    }; { $services ->
        [one] 1 offener Dienst
       *[other] { $services } offene Dienste
    }; Werte { $revealed ->
        [yes] sichtbar
       *[no] maskiert
    }
csv-file = datei
csv-location = ort
csv-path = pfad
csv-keyword = schluesselwort
csv-vr = vr
csv-rule-id = regel_id
csv-category = kategorie
csv-severity = schweregrad
csv-value = wert

## Die Zusammenfassung des Berichts als Text (die Seite druckt sie mit dem Plan).

summary-none = keiner
summary-counts = Höchster Schweregrad: { $worst }. Dateien: { $scanned } gescannt, { $failed } nicht gelesen, { $with } mit Befunden. Studien: { $studies }.
summary-pixels = Pixel: { $checked } Bilder angesehen, Text in { $text } gefunden; { $unchecked } konnten nicht angesehen werden.
summary-kinds = Was die Dateien enthalten (Dateien je Art):
summary-people = Personen:
summary-no-name = (kein Name)
summary-person = { $name } | geboren { $born } | ID { $id } | { $files ->
        [one] 1 Datei
       *[other] { $files } Dateien
    } | höchster { $worst }
summary-dicomdir = DICOMDIR { $name }: verweist auf { $referenced ->
        [one] 1 Datei
       *[other] { $referenced } Dateien
    }, { $scanned } damit gescannt, { $missing } fehlen

## Was die Seite über eine Datei neben ihren Befunden sagt. Das Detail eines Lesers
## ($reason, $error) bleibt auf Englisch.

file-not-read = Kein Format, das dieses Werkzeug liest: { $what }
file-not-recognised = Kein Format, das dieses Werkzeug liest (versucht: DICOM Part 10 und Datensätze ohne Header, ZIP, { $tried }): { $reason } (Detail auf Englisch).
file-not-dicom = Keine DICOM-Datei: { $reason } (Detail auf Englisch).
file-too-large = Diese Datei ({ $what }) ist größer als { $mib } MiB, das Meiste, was dieses Werkzeug am Stück liest; teilen Sie sie in kleinere Dateien.
file-empty-archive = Dieses Archiv enthält keine Dateien (es ist leer oder enthält nur Ordner): nichts zu prüfen.
file-appended-text = Text nach den DICOM-Daten angehängt, als Freitext gescannt.
file-archive-of = { $members ->
        [one] Ein Archiv mit 1 Datei, die unten aufgeführt ist.
       *[other] Ein Archiv mit { $members } Dateien; jede ist unten aufgeführt.
    }
file-archive-broke = { $failure } { $members ->
        [one] Die 1 Datei, die davor geprüft wurde, ist unten aufgeführt.
       *[other] Die { $members } Dateien, die davor geprüft wurden, sind unten aufgeführt.
    }
file-cancelled = Nicht geprüft: Der Scan wurde abgebrochen.
file-crashed = Der Scanner ist bei dieser Datei abgestürzt (sie ist vielleicht beschädigt oder zu groß für diesen Browser); er wurde neu gestartet, und die anderen Dateien laufen weiter.
file-silent = Der Scanner hat bei dieser Datei nicht mehr geantwortet (nach { $seconds } s); er wurde neu gestartet, und die anderen Dateien laufen weiter.
file-nothing-back = Der Scanner hat für diese Datei nichts zurückgegeben.
file-browser-could-not-read = Der Browser konnte diese Datei nicht lesen: { $error }
file-not-handed-over = Der Browser konnte diese Datei nicht an den Scanner übergeben.
file-no-scanner = Der Scanner konnte in diesem Browser nicht starten; versuchen Sie ein aktuelles Chrome, Edge, Firefox oder Safari.
