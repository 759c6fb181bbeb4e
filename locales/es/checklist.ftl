# The guided checklist: the view's own words. Step texts, path and answer labels, the action
# plan and the letter come from the core (core.ftl, report.ftl).

## Checklist: choosing a path, tools, the list of steps

checklist-title = Lista de verificación guiada
checklist-intro = Unas pocas preguntas, con lo que debe hacer según cada respuesta. ¿Quién es usted?
checklist-choose-patient = Soy paciente
checklist-choose-office = Administro un centro de imágenes médicas
# $path: the path's label (Patient, Imaging office)
checklist-title-path = Lista de verificación guiada: { $path }
# $path: the other path's label
checklist-switch = Cambiar a: { $path }
checklist-reset = Borrar mis respuestas
checklist-steps-label = Pasos
checklist-not-answered = (sin responder)
checklist-plan-title = Su plan de acción

## Checklist step card

# $number: this step's number; $total: the number of steps
checklist-step-count = Paso { $number } de { $total }
checklist-scan-shows = Lo que muestra su análisis:
checklist-scan-answered = El análisis respondió este paso. Si quiere cambiar la respuesta, respóndalo usted y explique el motivo en la nota.
checklist-your-answer = Su respuesta
checklist-answer-yes = Sí
checklist-answer-no = No
checklist-answer-not-sure = No lo sé
checklist-answer-not-applicable = No aplica
checklist-what-to-do = Qué hacer:
checklist-why = Por qué es importante
checklist-how = Cómo verificarlo
# $sources: the step's sources, joined with "; "
checklist-sources = Fuentes: { $sources }
checklist-note = Nota (opcional; se guarda solo en esta computadora)
checklist-back = Atrás
checklist-next = Siguiente
checklist-see-plan = Ver mi plan de acción

## Checklist action plan

# $percent: share of the steps that apply answered yes; the others are counts
checklist-score = El { $percent } % de los pasos que aplican está resuelto ({ $yes } sí, { $no } no, { $not_sure } no lo sé, { $unanswered } sin responder).
checklist-plan-nothing = Nada que hacer: todos los pasos que aplican tienen la respuesta “sí”.
checklist-letter-heading = Una carta para su proveedor de salud
checklist-letter-hint = Cópiela en un correo electrónico o imprímala; incluye las preguntas a las que usted no pudo responder “sí”.
checklist-letter-label = Carta para su proveedor de salud
checklist-print-with-scan = Imprimir el informe del análisis junto con el plan
checklist-scan-report-label = Informe del análisis
checklist-scan-report-heading = El informe del análisis
checklist-print = Imprimir el plan
