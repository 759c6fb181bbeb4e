rule-V-SSN = US-Sozialversicherungsnummer (Social Security number) im Text
    .why = Eine Sozialversicherungsnummer identifiziert Sie schon für sich allein und wird genutzt, um Konten in Ihrem Namen zu eröffnen.
    .fix = Entfernen oder leeren Sie diesen Text, bevor Sie die Datei weitergeben; ein De-Identifizierungswerkzeug mit der Option „clean descriptors“ (Beschreibungen bereinigen) entfernt solchen Text.

rule-V-ITIN = Steuernummer (ITIN) im Text
    .why = Eine Individual Taxpayer Identification Number (ITIN) vergibt die US-Steuerbehörde IRS an Menschen, die keine Sozialversicherungsnummer bekommen können; sie identifiziert Sie genauso wie eine Sozialversicherungsnummer.
    .fix = Entfernen oder leeren Sie diesen Text, bevor Sie die Datei weitergeben; ein De-Identifizierungswerkzeug mit der Option „clean descriptors“ (Beschreibungen bereinigen) entfernt solchen Text.

rule-V-SSN-SHAPED = Nummer im Format einer Sozialversicherungsnummer
    .why = Diese Nummer ist wie eine Sozialversicherungsnummer geschrieben, liegt aber in einem Bereich, den die SSA nie vergibt (Area-Nummer 000, 666 oder 9xx außerhalb der Bereiche für Steuernummern, Gruppennummer 00, laufende Nummer 0000 oder eine veröffentlichte Beispielnummer). Es kann eine echte, falsch eingetippte Nummer sein, und die gehört trotzdem Ihnen.
    .fix = Prüfen Sie, was das für eine Nummer ist; wenn es eine Sozialversicherungsnummer ist, auch eine falsch eingetippte, entfernen Sie sie, bevor Sie die Datei weitergeben.

rule-V-PHONE = Telefonnummer im Text
    .why = Eine Telefonnummer führt direkt zu Ihnen oder Ihrem Haushalt und lässt sich nachschlagen.
    .fix = Entfernen oder bereinigen Sie diesen Text, bevor Sie die Datei weitergeben (das erledigt die Option „clean descriptors“ eines De-Identifizierungswerkzeugs).

rule-V-EMAIL = E-Mail-Adresse im Text
    .why = Eine E-Mail-Adresse enthält meist Ihren Namen und erreicht Sie direkt.
    .fix = Entfernen oder bereinigen Sie diesen Text, bevor Sie die Datei weitergeben (das erledigt die Option „clean descriptors“ eines De-Identifizierungswerkzeugs).

rule-V-URL = Webadresse im Text
    .why = Eine Webadresse kann auf das System der Klinik oder auf eine persönliche Seite verweisen; so erfahren andere, wo Sie behandelt wurden oder wer Sie sind.
    .fix = Entfernen oder bereinigen Sie diesen Text, bevor Sie die Datei weitergeben (das erledigt die Option „clean descriptors“ eines De-Identifizierungswerkzeugs).

rule-V-IP = IP-Adresse im Text
    .why = Eine IP-Adresse kann das Netzwerk der Klinik oder den Computer verraten, von dem die Datei stammt.
    .fix = Entfernen oder bereinigen Sie diesen Text, bevor Sie die Datei weitergeben (das erledigt die Option „clean descriptors“ eines De-Identifizierungswerkzeugs).

rule-V-DATE = Datum im Text
    .why = Ein Datum in einer Notiz ist oft Ihr Geburtsdatum oder ein Behandlungsdatum; zusammen mit wenigen weiteren Angaben macht es Sie erkennbar.
    .fix = Entfernen Sie das Datum aus dem Text oder verschieben Sie es, bevor Sie die Datei weitergeben.

rule-V-ADDRESS = Anschrift im Text
    .why = Eine Anschrift zeigt, wo Sie wohnen; damit kann jeder Sie finden.
    .fix = Entfernen oder bereinigen Sie diesen Text, bevor Sie die Datei weitergeben (das erledigt die Option „clean descriptors“ eines De-Identifizierungswerkzeugs).

rule-V-ZIP = Postleitzahl (ZIP-Code) im Text
    .why = Eine Postleitzahl grenzt ein, wo Sie wohnen, und hilft dabei, diese Datei mit Ihnen zu verknüpfen.
    .fix = Entfernen oder bereinigen Sie diesen Text, bevor Sie die Datei weitergeben (das erledigt die Option „clean descriptors“ eines De-Identifizierungswerkzeugs).

rule-V-NAME-ECHO = Ihr Name im Text
    .why = Ihr eigener Name steht in einem Textfeld; wer die Datei liest, sieht also, wem sie gehört, selbst wenn das Namensfeld selbst entfernt wurde.
    .fix = Entfernen oder bereinigen Sie diesen Text vor der Weitergabe; nur das Namensfeld zu entfernen genügt nicht.

rule-V-MRN = Akten- oder Patientennummer im Text
    .why = Eine Patientenakten-, Patienten- oder Kontonummer verweist auf Ihre Unterlagen in der Klinik.
    .fix = Entfernen Sie die Nummer aus dem Text oder ersetzen Sie sie durch einen Studiencode, bevor Sie die Datei weitergeben.

rule-F-BURNED-IN = Text ist in das Bild eingebrannt
    .why = Laut der Datei ist Text in das Bild selbst gezeichnet, oft Ihr Name, Ihr Geburtsdatum oder Ihre ID. Das Bereinigen des Headers (der Kopfdaten) entfernt ihn nicht.
    .fix = Sehen Sie sich die Bilder vor der Weitergabe an; schwärzen Sie Text im Bild mit einem Werkzeug, das Pixeldaten bereinigt, oder geben Sie eine de-identifizierte Kopie weiter, die Ihre Praxis erstellt hat.

rule-F-BURNED-IN-LIKELY = Text ist möglicherweise in das Bild eingebrannt
    .why = Bei Ultraschall, Bildschirmaufnahmen, Röntgen-Angiografie und ähnlichen Bildern ist meist Ihr Name oder Ihre ID in das Bild gezeichnet, und diese Datei gibt nichts anderes an.
    .fix = Sehen Sie sich die Bilder vor der Weitergabe an; schwärzen Sie Text im Bild mit einem Werkzeug, das Pixeldaten bereinigt, oder geben Sie eine de-identifizierte Kopie weiter, die Ihre Praxis erstellt hat.

rule-F-BURNED-IN-PIXELS = Im Bild wurde Text gefunden
    .why = Beim Betrachten des Bildes selbst wurden hineingezeichnete Textzeilen gefunden, wo oft Namen, Geburtsdaten und IDs stehen. Das Bereinigen des Headers entfernt sie nicht.
    .fix = Sehen Sie sich die Bilder vor der Weitergabe an; schwärzen Sie Text im Bild mit einem Werkzeug, das Pixeldaten bereinigt, oder geben Sie eine de-identifizierte Kopie weiter, die Ihre Praxis erstellt hat.

rule-F-DOCUMENT = Ein Dokument (PDF oder CDA) ist eingebettet
    .why = Ein ganzes Dokument (ein Befundbericht oder ein Brief) steckt in der Datei; es kann alles Mögliche über Sie enthalten.
    .fix = Lesen Sie den Bericht, bevor Sie ihn weitergeben; nehmen Sie ihn aus den Dateien heraus, wenn er nicht gebraucht wird.

rule-F-SR = Ein strukturierter Befundbericht mit Freitext
    .why = Befundberichte enthalten Befunde als Freitext, mit Namen von Personen und Behandlungsdaten.
    .fix = Lesen Sie den Bericht, bevor Sie ihn weitergeben; nehmen Sie ihn aus den Dateien heraus, wenn er nicht gebraucht wird.

rule-F-FACE = Kopfaufnahme: Das Gesicht lässt sich rekonstruieren
    .why = Aus einer Serie von CT- oder MRT-Schichtbildern des Kopfes kann Software ein Gesicht rekonstruieren, das Programme zur Gesichtserkennung einem Foto zuordnen können.
    .fix = Geben Sie Kopfaufnahmen nur an Menschen weiter, denen Sie vertrauen, oder bitten Sie um eine Kopie, in der das Gesicht unkenntlich gemacht wurde.

rule-F-DEID-BROKEN = Als de-identifiziert markiert, aber Identifikatoren sind noch enthalten
    .why = Die Datei gibt an, die Identität der Patientin oder des Patienten sei entfernt, nennt die Person aber noch mit Namen oder Nummer. Wer dieser Angabe vertraut, würde die Datei weitergeben.
    .fix = Geben Sie diese Datei nicht als anonym weiter. Führen Sie erneut eine vollständige De-Identifizierung (DICOM PS3.15 Basic Profile) durch und prüfen Sie das Ergebnis.

rule-F-PRIVATE = Private Herstellerdaten sind vorhanden
    .why = Hersteller speichern eigene Daten in privaten Attributen; manche kopieren Namen, IDs oder Notizen dorthin, und die meisten Werkzeuge können sie nicht lesen.
    .fix = Entfernen Sie private Attribute vor der Weitergabe, es sei denn, die Empfänger brauchen sie.

rule-F-RETIRED = Veraltete (retired) Attribute sind vorhanden
    .why = Attribute, die der Standard nicht mehr verwendet, werden von De-Identifizierungswerkzeugen, die nur die aktuellen kennen, oft übersehen.
    .fix = Entfernen Sie veraltete Attribute beim De-Identifizieren.

rule-N-DICOM-ANY-AET = DICOM-Server nimmt jeden AE-Titel an
    .why = Der Server lässt jedes Programm eine Verbindung aufbauen, egal welchen Namen (AE-Titel) es angibt. Wer den Port erreichen kann, kann nach Patienten suchen und ihre Bilder herunterladen.
    .fix = Lassen Sie nur bekannte AE-Titel von bekannten Adressen zu (über eine Firewall und die Modalitätenliste des Servers), nutzen Sie DICOM TLS mit Client-Zertifikaten und machen Sie den Port nie aus dem Internet erreichbar.

rule-N-DICOM-AET-GUESSED = DICOM-AE-Titel wurde erraten
    .why = Der AE-Titel des Servers wurde durch Ausprobieren gängiger Namen gefunden. AE-Titel sind keine Passwörter: Sobald einer bekannt ist, kann jeder, der den Port erreicht, Bilder abfragen und abrufen.
    .fix = Lassen Sie nur bekannte AE-Titel von bekannten Adressen zu (über eine Firewall und die Modalitätenliste des Servers), nutzen Sie DICOM TLS mit Client-Zertifikaten und machen Sie den Port nie aus dem Internet erreichbar.

rule-N-DICOM-QUERY-ANSWERED = DICOM-Server hat eine Patientenabfrage beantwortet
    .why = Der Server hat eine Abfrage des Scans mit Patientennamen oder IDs beantwortet: Jeder, der den Port erreichen kann, kann Patientendaten lesen.
    .fix = Nehmen Sie den Server sofort vom Netz und lassen Sie danach Abfragen nur von bekannten Gegenstellen hinter einer Firewall zu, mit DICOM TLS. Prüfen Sie in seinen Protokollen, wer ihn abgefragt hat.

rule-N-DICOM-OPEN = DICOM-Server erreichbar
    .why = Auf diesem Port antwortet ein DICOM-Server. Er prüft den angerufenen AE-Titel (Called AE Title), aber AE-Titel sind leicht zu erraten, und DICOM kennt keine Passwörter.
    .fix = Sperren Sie den Port an der Firewall für alle außer bekannten Modalitäten und Arbeitsplätzen; nutzen Sie DICOM TLS.

rule-N-DICOM-PORT-OPEN = DICOM-Port offen
    .why = Ein Port, den DICOM-Server nutzen, ist offen. Der Scan hat nicht geprüft, was dort antwortet; es kann ein PACS oder eine Modalität mit gespeicherten Bildern sein.
    .fix = Sperren Sie den Port an der Firewall für alle außer bekannten Modalitäten und Arbeitsplätzen; nutzen Sie DICOM TLS.

rule-N-PACS-WEB-OPEN = PACS-Webport offen
    .why = Auf einem Rechner, der wie ein PACS aussieht, ist ein Webport offen. Weboberflächen und REST-APIs von PACS (Orthanc, dcm4chee, Viewer) laufen oft mit Standardpasswörtern oder ganz ohne Passwort.
    .fix = Stellen Sie die Weboberfläche hinter ein VPN oder eine Anmeldung mit starken Passwörtern und schalten Sie den Fernzugriff ab, wo er nicht gebraucht wird.

rule-N-DICOM-TLS = DICOM-TLS-Port offen
    .why = Der DICOM-TLS-Port ist offen: Der Server bietet verschlüsseltes DICOM an. Gut zu wissen; prüfen Sie, dass der unverschlüsselte Port geschlossen ist und Client-Zertifikate verlangt werden.
    .fix = Behalten Sie TLS bei; verlangen Sie Client-Zertifikate und schließen Sie den unverschlüsselten DICOM-Port.

category-names = Namen
    .why = Ein Name verrät jedem, der die Datei hat, wessen Aufnahme das ist.

category-geography = Adressen und Orte
    .why = Eine Adresse oder ein Ort grenzt Sie auf einen Haushalt oder eine Straße ein.

category-dates = Datumsangaben
    .why = Geburts- und Behandlungsdaten machen eine Person schon zusammen mit wenigen weiteren Angaben erkennbar.

category-phone = Telefonnummern
    .why = Eine Telefon- oder Faxnummer führt direkt zu einer Person.

category-fax = Faxnummern
    .why = Eine Telefon- oder Faxnummer führt direkt zu einer Person.

category-email = E-Mail-Adressen
    .why = Eine E-Mail-Adresse führt direkt zu einer Person.

category-ssn = Sozialversicherungsnummern
    .why = Eine Sozialversicherungsnummer identifiziert Sie und ermöglicht Identitätsdiebstahl.

category-medical_record = Patienten-IDs und Aktennummern
    .why = Eine Patienten-ID oder Aktennummer verknüpft diese Datei mit all Ihren anderen Unterlagen.

category-health_plan = Krankenversicherungsnummern
    .why = Versicherungs- und Kontonummern verknüpfen die Datei mit Ihnen und mit Ihren Rechnungen.

category-account = Kontonummern
    .why = Versicherungs- und Kontonummern verknüpfen die Datei mit Ihnen und mit Ihren Rechnungen.

category-license = Lizenz- und Zertifikatsnummern
    .why = Lizenz- und Fahrzeugnummern lassen sich zu einer Person zurückverfolgen.

category-vehicle = Fahrzeugkennungen
    .why = Lizenz- und Fahrzeugnummern lassen sich zu einer Person zurückverfolgen.

category-device = Seriennummern von Geräten
    .why = Gerätekennungen verbinden die Aufnahme mit einem Gerät, einem Ort und einem Zeitpunkt der Behandlung.

category-url = Webadressen
    .why = Web- und Netzwerkadressen verweisen auf die Systeme, in denen Ihre Unterlagen gespeichert sind.

category-ip = IP-Adressen
    .why = Web- und Netzwerkadressen verweisen auf die Systeme, in denen Ihre Unterlagen gespeichert sind.

category-biometric = biometrische Merkmale
    .why = Ihr Gesicht oder Ihre Körpermerkmale lassen sich Ihnen auch ohne Namen zuordnen.

category-face_image = Gesichtsbilder
    .why = Ihr Gesicht oder Ihre Körpermerkmale lassen sich Ihnen auch ohne Namen zuordnen.

category-other_unique = andere eindeutige Nummern und Codes
    .why = Eindeutige Nummern und Codes verknüpfen diese Datei mit Ihren anderen Unterlagen und Besuchen.

category-free_text = Freitexte, die Sie namentlich nennen können
    .why = Freitext enthält oft Namen, Datumsangaben und Notizen über Sie.

category-context = Angaben dazu, wo und von wem Sie behandelt wurden
    .why = Wo und von wem Sie behandelt wurden, grenzt ein, wer Sie sind.

severity-info = Info

severity-low = niedrig

severity-medium = mittel

severity-high = hoch

severity-critical = kritisch

action-X = entfernt

action-Z = geleert

action-D = durch einen Platzhalterwert ersetzt

action-U = durch eine neue UID ersetzt

action-C = bereinigt

action-K = beibehalten

action-Z_D = je nach Objekttyp geleert oder durch einen Platzhalterwert ersetzt

action-X_Z = je nach Objekttyp entfernt oder geleert

action-X_D = je nach Objekttyp entfernt oder durch einen Platzhalterwert ersetzt

action-X_Z_D = je nach Objekttyp entfernt, geleert oder ersetzt

action-X_Z_Us = je nach Objekttyp entfernt, geleert oder (für die enthaltenen UIDs) mit neuen UIDs versehen

action-other = so verändert, wie es der Standard beschreibt

step-P-LOGIN = Eine eigene Anmeldung für Ihre Bilder
    .question = Brauchen Sie eine eigene Anmeldung mit Passwort, um Ihre Bilder online anzusehen?
    .why = 2019 fanden Reporter in den USA 187 Bildserver, die jeder im Internet ohne Passwort öffnen konnte, mit Namen und Geburtsdaten von Millionen Patienten und teils mit Sozialversicherungsnummern. Eine persönliche Anmeldung ist das Mindeste, was zwischen dem Internet und Ihren Aufnahmen stehen sollte.
    .how = Öffnen Sie den Link oder das Portal, das Ihnen Ihre Praxis gegeben hat, in einem privaten Browserfenster. Wenn Ihre Bilder erscheinen, ohne dass nach Ihrem eigenen Benutzernamen und Passwort (oder einem Ihnen zugeschickten Code) gefragt wird, lautet die Antwort Nein. Wenn Sie nie einen Online-Zugang bekommen haben, fragen Sie die Praxis: „Sind meine Bilder aus dem Internet erreichbar, und braucht man dafür meine eigene Anmeldung?“
    .if-not = Fragen Sie die Praxis schriftlich, ob ihr Bildarchivsystem (PACS) aus dem Internet erreichbar ist und wie der Zugang geschützt ist. Ein Server mit Bildern darf nie ohne VPN und Passwort aus dem Internet erreichbar sein. Der Brief, den diese Seite für Sie schreibt, fragt genau das.

step-P-RISK-ASSESSMENT = Risikoanalyse zur IT-Sicherheit bei Ihrer Praxis
    .question = Haben Ihre Praxis und das Bildgebungszentrum, an das sie Sie überweist, in den letzten 12 Monaten eine Risikoanalyse zur IT-Sicherheit nach HIPAA durchgeführt?
    .why = Praxen und Kliniken in den USA müssen die Risiken für die Gesundheitsdaten, die sie speichern, analysieren und nach dem Ergebnis handeln. Eine Praxis, die nie hingeschaut hat, ist genau der Ort, an dem ein offener Server jahrelang unbemerkt bleibt.
    .how = Fragen Sie die Person, die in der Praxis für Datenschutz oder IT-Sicherheit zuständig ist: „Wann haben Sie zuletzt Ihre Risikoanalyse zur IT-Sicherheit nach HIPAA durchgeführt, und umfasst sie das Bildgebungssystem und das Bildgebungszentrum, an das Sie Patienten überweisen?“ Ein Datum innerhalb des letzten Jahres bedeutet Ja.
    .if-not = Bitten Sie die Praxis, eine solche Analyse durchzuführen (HHS bietet kleinen Praxen ein kostenloses Security Risk Assessment Tool an) und Ihnen mitzuteilen, wann sie abgeschlossen ist. Wenn die Praxis keine Antwort geben kann, fragen Sie direkt beim Bildgebungszentrum nach.

step-P-PORTAL = Ein persönliches Portal, keine geteilten Zugänge oder öffentlichen Links
    .question = Bekommen Sie Ihre Bilder über ein Portal mit Ihrem eigenen Konto und nicht über einen gemeinsamen Zugang zu einem Viewer oder einen Link, den jeder öffnen könnte?
    .why = Ein gemeinsamer Zugang (ein Benutzername für alle Patienten) oder ein öffentlicher Link lässt jeden, der ihn in die Hände bekommt, Ihre Aufnahmen sehen, oft auch die Aufnahmen anderer Patienten.
    .how = Sehen Sie nach, wie Sie den Zugang bekommen haben. Ein Link ohne Anmeldung, ein Benutzername mit Passwort, der für viele Patienten gedruckt wurde, oder ein Link, der nie abläuft, bedeuten Nein. Ein eigenes Konto oder ein Link, der abläuft und einen Ihnen zugeschickten Code verlangt, bedeutet Ja.
    .if-not = Bitten Sie die Praxis um einen Zugang über ein Patientenportal mit eigenem Konto oder um eine Kopie auf CD, die Sie sicher aufbewahren. Leiten Sie geteilte Links nicht weiter.

step-P-CHECK-FILES = CDs, USB-Sticks und ZIPs vor der Weitergabe prüfen
    .question = Prüfen Sie, bevor Sie eine CD, einen USB-Stick oder ein ZIP mit Ihren Aufnahmen weitergeben, was darin über Sie zu erkennen ist?
    .why = Jede Bilddatei auf einer CD enthält meist Ihren Namen, Ihr Geburtsdatum, Ihre Patienten-ID sowie Orte und Daten Ihrer Behandlung, und die Indexdatei der CD (DICOMDIR) führt sie noch einmal auf. Bei manchen Bildern ist Ihr Name außerdem in das Bild selbst geschrieben.
    .how = Legen Sie die Dateien (oder den ganzen Ordner oder das ZIP) auf dieser Seite ab. Sie werden auf Ihrem Computer gelesen und nie hochgeladen. Der Bericht zeigt, was darin Sie identifiziert.
    .if-not = Behandeln Sie CDs, Sticks und ZIPs wie jede andere Krankenakte: Geben Sie sie nur an Menschen weiter, die sie brauchen, und stellen Sie sie nie unverändert ins Internet. Wenn Sie Bilder öffentlich teilen müssen (in einem Forum, für Forschung oder Lehre), entfernen Sie zuerst die Identifikatoren und prüfen Sie, dass kein Name in die Bilder geschrieben ist.

step-P-IF-EXPOSED = Wissen, was zu tun ist, wenn Ihre Daten offenliegen
    .question = Wissen Sie, an wen Sie sich wenden können, wenn Sie Ihre Bilder oder Daten offen zugänglich finden?
    .why = Je früher die Praxis davon weiß, desto früher wird der Server geschlossen. Praxen müssen der Sache nachgehen, und in den USA sorgt eine Beschwerde bei der Aufsichtsbehörde dafür, dass das auch geschieht.
    .how = Finden Sie heraus, wer in Ihrer Praxis für den Datenschutz zuständig ist (Privacy Officer): Der Name steht in den Datenschutzhinweisen der Praxis (Notice of Privacy Practices), oft auf ihrer Website oder am Empfang.
    .if-not = Wenden Sie sich zuerst schriftlich an die Person, die in der Praxis für den Datenschutz zuständig ist, sagen Sie, was Sie wo gefunden haben, und laden Sie keine Daten anderer Menschen herunter und geben Sie sie nicht weiter. In den USA gilt: Wenn die Praxis nicht handelt, reichen Sie über das Online-Beschwerdeportal des HHS Office for Civil Rights (OCR) eine Beschwerde ein, innerhalb von 180 Tagen, nachdem Sie davon erfahren haben.

step-O-NO-PUBLIC-DICOM = Kein DICOM-Port aus dem Internet erreichbar
    .question = Ist jeder DICOM-Port Ihres PACS und Ihrer Modalitäten (104, 11112, 4242, 2761, 2762) für das Internet geschlossen?
    .why = Über einen DICOM-Port, der aus dem Internet antwortet, kann jeder Ihr PACS nach Patientennamen, Geburtsdaten und Studien abfragen und die Bilder herunterladen. So haben die 187 Server, die 2019 gefunden wurden, Daten von Millionen Patienten preisgegeben.
    .how = Scannen Sie von einem Rechner außerhalb Ihres Netzwerks Ihre öffentliche IP-Adresse: nmap -Pn -p 104,2761,2762,4242,11112,80,443,8042,8080 --script dicom-ping,dicom-brute -oX scan.xml <Ihre öffentliche IP>. „filtered“ oder „closed“ auf diesen Ports ist gut. „open“ heißt, dass das Internet den Port erreicht, egal was das PACS danach prüft. Was jede Antwort der Skripte bedeutet, steht unter „Von außen prüfen“.
    .if-not = Schließen Sie noch heute die Portweiterleitung an Ihrem Router oder Ihrer Firewall. Niemand außerhalb braucht einen DICOM-Port: Wer von außerhalb befundet, verbindet sich über ein VPN. Wenn ein Partner Ihnen Studien schickt, lassen Sie nur seine feste IP-Adresse zu, und stellen Sie auf DICOM TLS um.

step-O-NO-PUBLIC-WEB = Kein PACS-Webviewer und keine REST-API aus dem Internet erreichbar
    .question = Sind der Webviewer Ihres PACS und seine REST-API (zum Beispiel Ports 8042, 8080, 80, 443) für das Internet geschlossen?
    .why = Webviewer und REST-APIs wie die von Orthanc listen jeden Patienten auf und lassen jeden Studien herunterladen. Ohne Authentifizierung findet eine Suchmaschine für Geräte sie innerhalb weniger Tage.
    .how = Derselbe Scan von außen: 80, 443, 8042 und 8080 müssen „filtered“ oder „closed“ sein. Öffnen Sie außerdem http://<Ihre öffentliche IP>:8042/ auf einem Handy über mobile Daten (nicht über das WLAN der Praxis): Es darf keine Seite laden.
    .if-not = Entfernen Sie die Portweiterleitung. Greifen Sie von außen nur über das VPN auf den Viewer zu. Wenn Patienten Bilder herunterladen müssen, nutzen Sie ein Patientenportal mit persönlichen Konten, nicht das PACS selbst.

step-O-REMOTE-VPN = Fernzugriff nur über ein VPN mit MFA
    .question = Läuft jeder Fernzugriff (Befundung von außerhalb, Support durch Hersteller) über ein VPN mit persönlichen Passwörtern und Mehr-Faktor-Authentifizierung (MFA)?
    .why = Ein VPN hält das PACS aus dem Internet heraus, während trotzdem von zu Hause aus befundet werden kann. Geteilte oder mehrfach verwendete Passwörter am VPN oder an Fernzugriffsprogrammen (Remote Desktop) sind der übliche Weg, auf dem Ransomware (Erpressungssoftware) eindringt.
    .how = Listen Sie jeden Weg von außen in das Netzwerk auf: VPN, Remote Desktop, Fernwartungsprogramme von Herstellern, Portweiterleitungen am Router. Jeder muss ein persönliches Konto mit einem zweiten Faktor (einer App oder einem Schlüssel) verlangen.
    .if-not = Richten Sie auf der Firewall ein VPN ein (die meisten Business-Router bringen eines mit), geben Sie jeder befundenden Person ein eigenes Konto mit MFA, entfernen Sie Portweiterleitungen am Router und ständig offene Tunnel von Herstellern, und lassen Sie Hersteller nur herein, wenn Sie den Zugang selbst freigeben.

step-O-CHECK-OUTSIDE = Von außen prüfen
    .question = Haben Sie in den letzten 3 Monaten Ihre öffentliche IP-Adresse von außerhalb Ihres Netzwerks gescannt?
    .why = Ein Scan von innen zeigt, was Ihre Kolleginnen und Kollegen erreichen, nicht was das Internet erreicht. Änderungen am Router, Besuche von Herstellern und neue Geräte öffnen Ports, ohne dass es jemand merkt.
    .how = Führen Sie von einem Rechner außerhalb der Praxis (einem Anschluss zu Hause, einem Handy-Hotspot, einem Cloud-Server) und mit Erlaubnis für die gescannte Adresse Folgendes aus: nmap -Pn -p 104,2761,2762,4242,11112,80,443,8042,8080 --script dicom-ping,dicom-brute -oX scan.xml <Ihre öffentliche IP>. Legen Sie danach scan.xml auf dieser Seite ab. Was die Antworten bedeuten: „filtered“ oder „closed“ = gut, das Internet erreicht den Port nicht. „Any AET is accepted (Insecure)“ = jeder im Internet kann Ihr PACS abfragen. „Called AET check enabled“ = ein AE-Titel wird verlangt, und der ist kein Passwort: dicom-brute errät gängige AE-Titel in Sekunden. „Valid credentials“ von dicom-brute = es hat Ihren AE-Titel erraten. Ein offener Port 80/443/8042/8080 = eine Webseite oder API ist erreichbar.
    .if-not = Führen Sie den Scan jetzt durch und wiederholen Sie ihn nach jeder Änderung an Router, Firewall oder PACS, mindestens aber alle 3 Monate.

step-O-AE-ALLOWLIST = Angerufener und anrufender AE-Titel plus IP-Freigabeliste
    .question = Nimmt Ihr PACS Verbindungen (Associations) nur von bekannten Modalitäten und Arbeitsplätzen an, geprüft anhand des angerufenen AE-Titels (Called AE Title), des anrufenden AE-Titels (Calling AE Title) UND der IP-Adresse?
    .why = AE-Titel sind keine Passwörter: Sie werden im Klartext gesendet, und dicom-brute errät gängige (ORTHANC, PACS, ANY-SCP, ...). Nur zusammen mit einer Liste erlaubter IP-Adressen bleiben Fremde draußen.
    .how = Suchen Sie in der PACS-Konfiguration die Liste der bekannten Modalitäten (in Orthanc: DicomModalities, mit DicomCheckCalledAet und DicomCheckModalityHost auf true; in dcm4chee und Systemen anderer Hersteller: die Prüfungen von AE-Titel und Host). Der Scan von außen darf weder „Any AET is accepted“ noch „Valid credentials“ melden.
    .if-not = Tragen Sie jede Modalität und jeden Arbeitsplatz mit AE-Titel und IP-Adresse ein, schalten Sie die Prüfungen für angerufenen AE-Titel, anrufenden AE-Titel und Host ein und weisen Sie unbekannte Anrufer ab. Halten Sie die Freigabeliste kurz und überprüfen Sie sie, wenn sich Geräte ändern.

step-O-QUERY-RESTRICTED = Abfragen nur von bekannten Modalitäten und Benutzern
    .question = Beantwortet Ihr PACS Abfragen (C-FIND, QIDO-RS, die REST-API) nur von bekannten Modalitäten und angemeldeten Benutzern?
    .why = Eine Abfrage liefert die Liste Ihrer Patienten mit Namen, Geburtsdaten und IDs. Wenn jeder Anrufer eine Antwort bekommt, kopiert ein einziger Befehl Ihre Patientenliste.
    .how = Führen Sie von einem Rechner, der nicht auf Ihrer Freigabeliste steht, mit einem AE-Titel, den Ihr PACS nicht kennt, Folgendes aus: findscu -S -aet STRANGER -aec <AE-Titel Ihres PACS> -k QueryRetrieveLevel=STUDY -k PatientName <Adresse des PACS> <Port>. Die Abfrage muss abgelehnt werden. Legen Sie die Ausgabe auf dieser Seite ab, um sie zu prüfen.
    .if-not = Beschränken Sie C-FIND auf eingetragene Modalitäten (Orthanc: DicomAlwaysAllowFind false, nur bekannte DicomModalities), verlangen Sie Authentifizierung an den REST- und DICOMweb-APIs und begrenzen Sie die Größe der Ergebnisse (Orthanc: LimitFindResults, LimitFindInstances).

step-O-DICOM-TLS = DICOM TLS und Benutzeridentität
    .question = Nutzen Verbindungen, die das Gebäude verlassen, DICOM TLS (Port 2762), mit Aushandlung der Benutzeridentität (User Identity Negotiation), wo Ihre Systeme das unterstützen?
    .why = Einfaches DICOM sendet Patientendaten und AE-Titel im Klartext. TLS (Profile nach PS3.15 BCP 195) verschlüsselt sie und weist mit Client-Zertifikaten nach, wer sich verbindet. Die Aushandlung der Benutzeridentität fügt Benutzername und Passwort hinzu, doch auch diese werden im Klartext übertragen, solange TLS nicht eingeschaltet ist.
    .how = Fragen Sie die Hersteller Ihres PACS und Ihrer Modalitäten, welche Secure-Transport-Profile nach PS3.15 und welche Arten der Benutzeridentität sie unterstützen (das MDS2-Formular führt das auf). Prüfen Sie, dass sich Partner außerhalb Ihres Netzwerks nur über den TLS-Port verbinden.
    .if-not = Schalten Sie DICOM TLS für jede Verbindung ein, die das Gebäude verlässt, mit Client-Zertifikaten, wo unterstützt; nutzen Sie die Aushandlung der Benutzeridentität (Benutzername und Passcode, Kerberos, SAML oder JWT) nur über TLS; und stellen Sie DICOMweb nur über HTTPS mit echter Authentifizierung bereit.

step-O-WEB-AUTH = Web-Authentifizierung an, keine Standardpasswörter, begrenzte Ergebnisse
    .question = Verlangen die Weboberfläche und die API Ihres PACS eine persönliche Anmeldung, und sind alle Standardkonten entfernt und die Abfrageergebnisse begrenzt?
    .why = Standardpasswörter der Hersteller stehen in veröffentlichten Handbüchern. Eine API, die alle Patienten auf einmal liefert, macht aus einem einzigen gestohlenen Passwort den Zugang zu Ihrem ganzen Archiv.
    .how = Öffnen Sie den Webviewer in einem privaten Browserfenster: Er muss nach einer Anmeldung fragen. Probieren Sie das Standardkonto des Herstellers aus: Die Anmeldung muss scheitern. Prüfen Sie in Orthanc, dass AuthenticationEnabled auf true steht, RemoteAccessAllowed auf false (außer hinter dem VPN), RegisteredUsers keinen Standardbenutzer orthanc/orthanc enthält und LimitFindResults gesetzt ist.
    .if-not = Schalten Sie die Authentifizierung ein, geben Sie jeder Person ein eigenes Konto, ändern oder entfernen Sie jedes Standardkonto, lassen Sie RemoteAccessAllowed ausgeschaltet (außer hinter dem VPN), setzen Sie LimitFindResults und schalten Sie HTTPS vor den Viewer.

step-O-PATCH = Betriebssystem und PACS auf aktuellem Stand
    .question = Laufen die Betriebssysteme des PACS-Servers und der Arbeitsplätze sowie die PACS-Software selbst in Versionen, die noch Sicherheitsupdates bekommen, und sind diese Updates eingespielt?
    .why = Alte PACS-Versionen haben bekannte Schwachstellen und unsichere Voreinstellungen (ältere Orthanc-Versionen erlaubten Fernzugriff ohne Passwort). Nicht mehr unterstützte Windows-Versionen auf Modalitäten sind häufige Ziele von Ransomware.
    .how = Notieren Sie jeden Server, jeden Arbeitsplatz und jede Modalität mit Betriebssystem und Softwareversion und vergleichen Sie das mit den Versionen, die der Hersteller unterstützt. Fragen Sie die Hersteller nach dem MDS2-Formular und nach ihren Regeln für Sicherheitsupdates.
    .if-not = Aktualisieren Sie das PACS und die Betriebssysteme; bei Modalitäten, die der Hersteller aktualisieren muss, lassen Sie sich einen Termin schriftlich geben und isolieren Sie das Gerät bis dahin (siehe Netzwerksegmentierung).

step-O-SEGMENT = Netzwerksegmentierung
    .question = Sind das PACS und die Modalitäten in einem eigenen Netzwerksegment (VLAN), getrennt von Büro-PCs, Gäste-WLAN und Internet?
    .why = Wenn eine Phishing-E-Mail einen PC am Empfang infiziert, kann der Angreifer in einem nicht unterteilten Netzwerk das PACS und jede Modalität erreichen. Auf Modalitäten laufen oft alte Systeme, die sich nicht mehr aktualisieren lassen.
    .how = Fragen Sie die Person oder Firma, die Ihr Netzwerk betreut, ob die Bildgebungsgeräte in einem eigenen VLAN mit Firewall-Regeln stehen. Von einem PC am Empfang aus sollte kein DICOM-Port des PACS erreichbar sein, es sei denn, an diesem PC werden Bilder befundet.
    .if-not = Bringen Sie PACS und Modalitäten in ein eigenes VLAN, lassen Sie zwischen den Segmenten nur den DICOM- und Webverkehr zu, der nötig ist, und sperren Sie den Internetzugang der Modalitäten.

step-O-BACKUP = Offline-Backups, getestet
    .question = Haben Sie ein Backup des PACS, das offline (oder unveränderbar) ist und aus dem Sie in den letzten 12 Monaten erfolgreich wiederhergestellt haben?
    .why = Ransomware verschlüsselt das Archiv und jedes Backup, das sie erreichen kann. Nur eine Offline-Kopie, die Sie wiederherstellen können, lässt Sie weiterarbeiten, ohne zu zahlen.
    .how = Suchen Sie das letzte Backup: Wo liegt es, kann ein PC im Netzwerk es löschen, und wann haben Sie zuletzt eine Studie daraus wiederhergestellt?
    .if-not = Bewahren Sie mindestens eine Kopie offline oder unveränderbar auf, verschlüsseln Sie sie und testen Sie jedes Jahr eine Wiederherstellung. Schreiben Sie auf, wer bei einem Vorfall was tut.

step-O-RISK-ASSESSMENT = Dokumentierte Risikoanalyse, jedes Jahr
    .question = Haben Sie in den letzten 12 Monaten eine Risikoanalyse zur IT-Sicherheit nach HIPAA dokumentiert, die das PACS umfasst, und danach gehandelt?
    .why = HIPAA verlangt eine genaue und gründliche Risikoanalyse, die aktuell gehalten wird. Nach einem Vorfall ist sie auch das Erste, wonach Patienten oder eine Aufsichtsbehörde fragen.
    .how = Suchen Sie die letzte schriftliche Risikoanalyse und ihr Datum. Führt sie das PACS, die Modalitäten, den Fernzugriff und die Hersteller mit Zugang auf?
    .if-not = Nutzen Sie das kostenlose HHS Security Risk Assessment Tool, benennen Sie eine verantwortliche Person, überprüfen Sie Hersteller und Business Associate Agreements (Verträge mit Dienstleistern nach HIPAA) und wiederholen Sie die Analyse jedes Jahr und nach größeren Änderungen.

step-O-DEIDENTIFY = Bilder vor der Weitergabe de-identifizieren
    .question = Werden Bilder, bevor sie für Forschung, Lehre oder eine Zweitmeinung, die die Identität der Patienten nicht braucht, weitergegeben werden, mit dem DICOM Basic Profile de-identifiziert und auf eingebrannten Text geprüft?
    .why = Den Patientennamen zu leeren genügt nicht: Geburtsdaten, IDs, Accession Numbers (Auftragsnummern), Namen von Einrichtungen und in die Pixel eingebrannter Text identifizieren die Patientin oder den Patienten weiterhin.
    .how = Nehmen Sie eine Stichprobe dessen, was Sie zuletzt weitergegeben haben, und legen Sie sie auf dieser Seite ab: Der Bericht darf keine Identifikatoren und keinen eingebrannten Text zeigen.
    .if-not = Nutzen Sie ein Werkzeug, das das PS3.15 Basic Application Level Confidentiality Profile anwendet (und nicht nur den Namen entfernt), prüfen Sie jedes Bild auf eingebrannten Text und kontrollieren Sie vor dem Versand eine Stichprobe des Ergebnisses.

source-propublica-br-2019 = Bayerischer Rundfunk/ProPublica 2019

source-45-cfr-164-308-a-1-ii-a = 45 CFR 164.308(a)(1)(ii)(A)

source-hhs-sra-tool = HHS SRA Tool (auf Englisch)

source-hhs-405-d-hicp-2023 = HHS 405(d) HICP 2023 (auf Englisch)

source-dicom-ps3-15-annex-e-basic-profile = DICOM PS3.15 Annex E (Basic Profile) (auf Englisch)

source-hhs-ocr-complaint-portal = HHS-OCR-Beschwerdeportal (auf Englisch)

source-hhs-405-d-hicp-2023-practice-6 = HHS 405(d) HICP 2023, Maßnahme 6 (auf Englisch)

source-nema-mita-csp-1-2015 = NEMA/MITA CSP 1-2015 (auf Englisch)

source-orthanc-book-security = Orthanc book: Sicherheit (auf Englisch)

source-hhs-405-d-hicp-2023-practice-3 = HHS 405(d) HICP 2023, Maßnahme 3 (auf Englisch)

source-hhs-405-d-hicp-2023-practice-7 = HHS 405(d) HICP 2023, Maßnahme 7 (auf Englisch)

source-hhs-405-d-hicp-2023-practice-9 = HHS 405(d) HICP 2023, Maßnahme 9 (auf Englisch)

source-dicom-ps3-15-annex-b-bcp-195-tls-b-4-user-identity = DICOM PS3.15 Annex B (BCP 195 TLS), B.4 User Identity (auf Englisch)

source-hhs-405-d-hicp-2023-practice-5 = HHS 405(d) HICP 2023, Maßnahme 5 (auf Englisch)

source-hhs-405-d-hicp-2023-practice-4 = HHS 405(d) HICP 2023, Maßnahme 4 (auf Englisch)

source-hhs-405-d-hicp-2023-practice-8 = HHS 405(d) HICP 2023, Maßnahme 8 (auf Englisch)

source-hhs-405-d-hicp-2023-practice-10 = HHS 405(d) HICP 2023, Maßnahme 10 (auf Englisch)

path-patient = Patientin oder Patient

path-office = Radiologische Praxis

answer-yes = ja

answer-no = nein

answer-not-sure = nicht sicher

answer-not-applicable = trifft nicht zu

ask-P-LOGIN =
    .not-sure = Sind meine Bilder über das Internet erreichbar, und wenn ja, brauche ich zum Ansehen meine eigene Anmeldung mit Passwort?
    .no = Meine Bilder lassen sich online ohne eigene Anmeldung mit Passwort ansehen. Könnten Sie mir sagen, wie der Zugriff darauf geschützt ist, und einen Zugang einrichten, der eine persönliche Anmeldung verlangt? Ist Ihr Bildarchivsystem (PACS) selbst aus dem Internet erreichbar oder nur über ein VPN mit Passwort?

ask-P-RISK-ASSESSMENT =
    .not-sure = Haben Sie und das Bildgebungszentrum, an das Sie Patienten überweisen, in den letzten 12 Monaten die Risikoanalyse zur IT-Sicherheit durchgeführt, die HIPAA verlangt, und umfasst sie das Bildgebungssystem?
    .no = Ich verstehe, dass eine aktuelle Risikoanalyse zur IT-Sicherheit nach HIPAA möglicherweise nicht vorliegt. Könnten Sie mir sagen, wann eine durchgeführt wird, ob sie das Bildgebungssystem und das Bildgebungszentrum umfasst, an das Sie Patienten überweisen, und wie ich erfahre, dass sie abgeschlossen ist?

ask-P-PORTAL =
    .not-sure = Wie erhalte ich meine Bilder: über ein Patientenportal mit eigenem Konto oder über einen gemeinsamen Zugang oder einen Link, den jeder öffnen könnte, der ihn hat?
    .no = Ich habe den Zugang zu meinen Bildern über einen gemeinsamen Zugang oder einen Link erhalten, den jeder öffnen könnte, der ihn hat. Könnten Sie mir stattdessen einen Zugang über ein Portal mit eigenem Konto geben und den alten Link deaktivieren?

ask-P-IF-EXPOSED =
    .not-sure = Wer ist bei Ihnen für den Datenschutz zuständig, und wie kann ich diese Person erreichen, wenn ich ein Anliegen zu meinen Daten habe?
    .no = Wer ist bei Ihnen für den Datenschutz zuständig, und wie kann ich diese Person erreichen, wenn ich ein Anliegen zu meinen Daten habe?

notread-pdf = dies ist ein PDF-Dokument (ein Befundbericht oder ein Brief?). Es wird hier nicht geprüft, kann Sie aber ebenfalls nennen: Sehen Sie es sich an, bevor Sie es weitergeben.
notread-jpeg = dies ist ein JPEG-Bild, keine DICOM-Datei: Es hat keinen DICOM-Header zum Prüfen, und in das Bild eingebrannten Text (Namen, Daten) liest dieses Werkzeug nicht.
notread-png = dies ist ein PNG-Bild, keine DICOM-Datei: Es hat keinen DICOM-Header zum Prüfen, und in das Bild eingebrannten Text (Namen, Daten) liest dieses Werkzeug nicht.
notread-gif = dies ist ein GIF-Bild, keine DICOM-Datei: Es hat keinen DICOM-Header zum Prüfen.
notread-tiff-le = dies ist ein TIFF-Bild, keine DICOM-Datei: Es hat keinen DICOM-Header zum Prüfen.
notread-tiff-be = dies ist ein TIFF-Bild, keine DICOM-Datei: Es hat keinen DICOM-Header zum Prüfen.
notread-ole = dies ist eine Microsoft-Office-Datei im alten Binärformat (.xls, .doc) oder eine passwortgeschützte. Speichern Sie eine Patientenliste als .xlsx (ohne Passwort) oder als CSV, um sie hier zu prüfen.
notread-manifest-txt = dies ist das Manifest (MANIFEST.txt) einer bereinigten Kopie, die mit diesem Werkzeug erstellt wurde: Es sagt, was getan wurde, und enthält keinen Identifikator. Zu prüfen sind die Kopien daneben.
notread-manifest-json = dies ist das Manifest (MANIFEST.json) einer bereinigten Kopie, die mit diesem Werkzeug erstellt wurde: Es sagt, was getan wurde, und enthält keinen Identifikator. Zu prüfen sind die Kopien daneben.
notread-rar = dies ist ein RAR-Archiv. Entpacken Sie es (oder packen Sie die Dateien als ZIP) und legen Sie die Dateien ab.
notread-7z = dies ist ein 7-Zip-Archiv. Entpacken Sie es (oder packen Sie die Dateien als ZIP) und legen Sie die Dateien ab.
notread-nifti = dies ist ein NIfTI-Bild (ein Forschungsformat), keine DICOM-Datei: es hat keinen DICOM-Header, der geprüft werden könnte. Sein kurzes Beschreibungsfeld kann dennoch einen Namen oder ein Datum enthalten: sehen Sie es sich an, bevor Sie die Datei weitergeben.
notread-nifti-pair = dies ist ein NIfTI-Bild (ein Forschungsformat), keine DICOM-Datei: es hat keinen DICOM-Header, der geprüft werden könnte. Sein kurzes Beschreibungsfeld kann dennoch einen Namen oder ein Datum enthalten: sehen Sie es sich an, bevor Sie die Datei weitergeben.
notread-nifti-2 = dies ist ein NIfTI-Bild (ein Forschungsformat), keine DICOM-Datei: es hat keinen DICOM-Header, der geprüft werden könnte. Sein kurzes Beschreibungsfeld kann dennoch einen Namen oder ein Datum enthalten: sehen Sie es sich an, bevor Sie die Datei weitergeben.
