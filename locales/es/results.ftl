# Los resultados: una tarjeta por archivo y la vista de todos los hallazgos.

## Encabezados de columna compartidos.

results-severity = Gravedad
results-what = Qué
results-where = Dónde

## La tarjeta de un archivo.

card-checking = Revisando…
card-not-checked = No revisado
card-patient-name = Nombre del paciente
card-birth-date = Fecha de nacimiento
card-patient-id = ID del paciente
card-not-present = no presente
card-no-name = (sin nombre)
card-born = nacimiento { $date }
card-id = ID { $id }
card-archive = Archivo comprimido
card-file-number = Archivo { $number }
card-kind-tool-output = Salida de { $tool }
card-kind-nmap-grepable = Salida grepable de nmap
card-kind-worklist = Lista de trabajo { $format }
card-kind-xlsx-worklist = Lista de trabajo en libro de Excel (XLSX)
card-notes = { $count ->
        [one] 1 nota
       *[other] { $count } notas
    } al leer este archivo
card-export-summary = { $kind } · { $records ->
        [one] 1 registro
       *[other] { $records } registros
    } · { $people ->
        [one] 1 persona
       *[other] { $people } personas
    }
card-network-summary = { $kind } · { $services ->
        [one] 1 servicio expuesto
       *[other] { $services } servicios expuestos
    }
card-more-people = y { $count } más (vea Personas)
card-findings = { $count ->
        [one] 1 hallazgo
       *[other] { $count } hallazgos
    }
card-worst = máxima:
card-value-masked = Valor (enmascarado)
card-more-findings = { $count } más de gravedad media o mayor
card-all-in-view = (la vista Todos los hallazgos los muestra todos)
card-show-fewer = Mostrar menos
card-show-all = Mostrar los { $count }
card-show-first = Mostrar los primeros { $count }

## La vista Todos los hallazgos. Cada etiqueta va seguida de su control.

findings-filters-label = Filtrar hallazgos
findings-at-least = Como mínimo
findings-kind = Tipo
findings-all-kinds = todos los tipos
findings-rule = Regla
findings-all-rules = todas las reglas
findings-search = Buscar
findings-sort-by = Ordenar por
findings-sort-severity = gravedad
findings-sort-file = archivo
findings-show-values = Mostrar valores
findings-mask-values = Enmascarar valores
views-held = Esta vista muestra { $count ->
        [one] el archivo revisado
       *[other] los { $count } archivos revisados
    } cuando la abrió; se actualiza cuando se hayan revisado todos.
findings-matching = { $count ->
        [one] 1 hallazgo coincide
       *[other] { $count } hallazgos coinciden
    }
findings-first-shown = ; se muestran los primeros { $count }
findings-file = Archivo
findings-value = Valor
findings-details-heading = Detalles
findings-file-number = archivo { $number }
findings-show-one = mostrar
findings-mask-one = enmascarar
findings-show-one-label = Mostrar el valor de { $what }
findings-mask-one-label = Enmascarar el valor de { $what }
findings-details = detalles
findings-where-exactly = Palabra clave { $keyword } · VR { $vr } · ruta de etiquetas { $path }
findings-why = Por qué importa:
findings-fix = Qué hacer:
