# The guided checklist: the view's own words. Step texts, path and answer labels, the action
# plan and the letter come from the core (core.ftl, report.ftl).

## Checklist: choosing a path, tools, the list of steps

checklist-title = Geführte Checkliste
checklist-intro = Ein paar Fragen, jeweils mit dem, was bei welcher Antwort zu tun ist. Wer sind Sie?
checklist-choose-patient = Ich bin Patientin oder Patient
checklist-choose-office = Ich leite eine radiologische Praxis
# $path: the path's label (Patient, Imaging office)
checklist-title-path = Geführte Checkliste: { $path }
# $path: the other path's label
checklist-switch = Wechseln zu: { $path }
checklist-reset = Meine Antworten löschen
checklist-steps-label = Schritte
checklist-not-answered = (nicht beantwortet)
checklist-plan-title = Ihr Maßnahmenplan

## Checklist step card

# $number: this step's number; $total: the number of steps
checklist-step-count = Schritt { $number } von { $total }
checklist-scan-shows = Was Ihr Scan zeigt:
checklist-scan-answered = Der Scan hat diesen Schritt beantwortet. Wenn Sie anders antworten möchten, antworten Sie selbst und schreiben Sie den Grund in die Notiz.
checklist-your-answer = Ihre Antwort
checklist-answer-yes = Ja
checklist-answer-no = Nein
checklist-answer-not-sure = Unsicher
checklist-answer-not-applicable = Trifft nicht zu
checklist-what-to-do = Was zu tun ist:
checklist-why = Warum das wichtig ist
checklist-how = So prüfen Sie es
# $sources: the step's sources, joined with "; "
checklist-sources = Quellen: { $sources }
checklist-note = Notiz (freiwillig; bleibt auf diesem Computer)
checklist-back = Zurück
checklist-next = Weiter
checklist-see-plan = Meinen Maßnahmenplan ansehen

## Checklist action plan

# $percent: share of the steps that apply answered yes; the others are counts
checklist-score = { $percent } % der zutreffenden Schritte sind erledigt ({ $yes } ja, { $no } nein, { $not_sure } unsicher, { $unanswered } nicht beantwortet).
checklist-plan-nothing = Nichts zu tun: Alle zutreffenden Schritte sind mit „Ja“ beantwortet.
checklist-letter-heading = Ein Brief an Ihre Arztpraxis
checklist-letter-hint = Kopieren Sie ihn in eine E-Mail oder drucken Sie ihn aus; er stellt die Fragen, die Sie nicht mit „Ja“ beantworten konnten.
checklist-letter-label = Brief an Ihre Arztpraxis
checklist-print-with-scan = Den Scan-Bericht mit dem Plan drucken
checklist-scan-report-label = Scan-Bericht
checklist-scan-report-heading = Der Scan-Bericht
checklist-print = Plan drucken
