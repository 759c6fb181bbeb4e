# The guided checklist: the view's own words. Step texts, path and answer labels, the action
# plan and the letter come from the core (core.ftl, report.ftl).

## Checklist: choosing a path, tools, the list of steps

checklist-title = Guided checklist
checklist-intro = A few questions, with what to do for each answer. Who are you?
checklist-choose-patient = I am a patient
checklist-choose-office = I run an imaging office
# $path: the path's label (Patient, Imaging office)
checklist-title-path = Guided checklist: { $path }
# $path: the other path's label
checklist-switch = Switch to: { $path }
checklist-reset = Clear my answers
checklist-steps-label = Steps
checklist-not-answered = (not answered)
checklist-plan-title = Your action plan

## Checklist step card

# $number: this step's number; $total: the number of steps
checklist-step-count = Step { $number } of { $total }
checklist-scan-shows = What your scan shows:
checklist-scan-answered = The scan answered this step. Answer it yourself to override, and say why in the note.
checklist-your-answer = Your answer
checklist-answer-yes = Yes
checklist-answer-no = No
checklist-answer-not-sure = Not sure
checklist-answer-not-applicable = Does not apply
checklist-what-to-do = What to do:
checklist-why = Why it matters
checklist-how = How to check
# $sources: the step's sources, joined with "; "
checklist-sources = Sources: { $sources }
checklist-note = Note (optional; stays on this computer)
checklist-back = Back
checklist-next = Next
checklist-see-plan = See my action plan

## Checklist action plan

# $percent: share of the steps that apply answered yes; the others are counts
checklist-score = { $percent }% of the steps that apply are done ({ $yes } yes, { $no } no, { $not_sure } not sure, { $unanswered } not answered).
checklist-plan-nothing = Nothing to do: every step that applies is answered yes.
checklist-letter-heading = A letter to your provider
checklist-letter-hint = Copy it into an e-mail or print it; it asks the questions you could not answer yes.
checklist-letter-label = Letter to your provider
checklist-print-with-scan = Print the scan report with the plan
checklist-scan-report-label = Scan report
checklist-scan-report-heading = The scan report
checklist-print = Print the plan
