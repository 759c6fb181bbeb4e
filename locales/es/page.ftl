# La página: título, promesa, selector de idioma, zona para soltar archivos, progreso,
# exportaciones, copia limpia, aviso sin conexión.

language-label = Idioma
language-failed = No se pudo cargar este idioma ({ $error }). La página sigue en el idioma que tenía.
views-failed = No se pudo cargar esta parte de la página ({ $error }). Vuelva a cargar la página para intentarlo de nuevo; nada salió de esta computadora.
views-loading = Cargando esta parte de la página…

## Page: masthead and its two parts. The promise is one sentence around a <strong> part.

page-title = Autoverificación de exposición DICOM
page-promise-before = Vea qué datos de sus imágenes médicas revelan quién es usted.
page-promise-strong = Nada sale de esta computadora:
page-promise-after = sus archivos se leen aquí, en esta página, y nunca se suben.
page-parts-label = Partes de esta página
page-tab-scan = 1. Revise sus archivos
page-tab-checklist = 2. Qué hacer: lista guiada

## Offline note (under the promise).

offline-ready = Funciona sin conexión: esta página está guardada en su navegador, así que abre y revisa archivos incluso sin red.
offline-update = Hay una nueva versión de esta página lista.
offline-reload = Recargar para usarla

## Drop zone.

drop-title = Suelte aquí archivos o carpetas
drop-hint = Archivos DICOM de un CD, una memoria USB o una descarga, archivos ZIP, tar o gzip, exportaciones de consultas PACS (findscu, DICOMweb, Orthanc, listas CSV o Excel) y resultados de nmap.
drop-choose-files = Elegir archivos
drop-choose-folder = Elegir una carpeta
drop-try-sample = Probar un ejemplo
drop-files-label = Elegir archivos para revisar
drop-folder-label = Elegir una carpeta para revisar
drop-pixels = Revisar también los píxeles: buscar texto dibujado en las imágenes
drop-pixels-hint = Descarga unos { $kib } KiB una sola vez (leer el texto encontrado, si lo pide, unos { $ocr } MB más). Las imágenes se revisan en esta computadora; se revisan los archivos que agregue después de activarlo.
drop-pixels-recheck = Revisar los píxeles { $count ->
    [one] del archivo añadido
   *[other] de los { $count } archivos añadidos
} antes

## Progress of a scan. $size is a size-* text, $rate a whole number, $left empty or a
## time-left-* text (which starts with its own comma).

progress-label = Archivos revisados
progress-starting = Revisando { $count ->
        [one] 1 archivo
       *[other] { $count } archivos
    }…
progress-running = Revisados { $done } de { $count } archivos · { $size } · { $rate } archivos/s{ $left }
progress-done = Listo: { $count ->
        [one] 1 archivo
       *[other] { $count } archivos
    } · { $size }
progress-cancel = Cancelar
time-left-seconds = , faltan unos { $n } s
time-left-minutes = , faltan unos { $n } min

## Sizes. $n is a number already formatted (decimal mark included).

size-bytes = { $count ->
        [one] 1 byte
       *[other] { $count } bytes
    }
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## Exports.

exports-json = Guardar informe (JSON)
exports-csv = Guardar hallazgos (CSV)
exports-print = Imprimir informe
exports-note = Lo exportado va enmascarado y los nombres de archivo se cambian por números.

## Results: heading, print-only heading, views, file cards.

results-title = Lo que revelan estos archivos
results-pending = ({ $count } aún en revisión.)
results-print-heading = Informe del { $date } de dicom-exposure-check { $version }: { $count ->
        [one] 1 archivo revisado
       *[other] { $count } archivos revisados
    }. No se imprimen los nombres de archivo (suelen contener nombres de pacientes); los archivos se numeran como en la exportación JSON.
results-masked-note = Los valores van enmascarados: solo se muestran las iniciales, el año de nacimiento y los últimos caracteres de un ID.
results-views-label = Vistas de los resultados
results-view-files = Archivos
results-view-people = Personas
results-view-findings = Todos los hallazgos
cards-print-first = Esta impresión incluye los primeros { $shown } de { $count } archivos (la página muestra más si lo pide); la exportación JSON los incluye todos.
cards-show-more = { $more ->
        [one] Mostrar 1 archivo más
       *[other] Mostrar { $more } archivos más
    } (se ven { $shown } de { $count })

## People view.

people-none = Estos archivos no nombran a nadie.
people-count = { $count ->
        [one] 1 persona nombrada
       *[other] { $count } personas nombradas
    }
people-count-partial = { $count ->
        [one] 1 persona nombrada
       *[other] { $count } personas nombradas
    }; se muestran las primeras { $listed }
people-col-name = Nombre
people-col-birth = Fecha de nacimiento
people-col-id = ID de paciente
people-col-files = Archivos
people-col-holds = Qué contienen los archivos
people-col-worst = Gravedad máx.
people-no-name = sin nombre
people-not-present = no consta
people-show-more = { $more ->
        [one] Mostrar 1 persona más
       *[other] Mostrar { $more } personas más
    } (se ven { $listed } de { $count })
people-print-first = Esta impresión incluye las primeras { $listed } de { $count } personas; la exportación JSON las incluye todas.

## Clean copy: options. A checkbox's .hint follows its label in small type.

copy-title = Hacer una copia limpia
copy-intro = Una copia de estos archivos DICOM que usted puede compartir: sin nombres, IDs, fechas de nacimiento, direcciones, médicos ni hospitales, como pide el perfil de desidentificación del estándar DICOM; las imágenes en sí no cambian. Cada copia se vuelve a revisar aquí; un archivo que no se pueda comprobar como limpio se deja fuera, con el motivo. No se sube nada.
copy-options = Opciones
copy-dates-label = Fechas:
copy-dates-remove = eliminarlas
copy-dates-shift = mover las fechas de cada persona el mismo número secreto de días
copy-dates-keep = conservarlas (pueden revelar quién es usted)
copy-characteristics = Conservar edad, sexo, estatura y peso
    .hint = (útil para un médico; ayudan a saber quién es usted)
copy-device = Conservar la marca y el número de serie del escáner
copy-institution = Conservar el nombre del hospital o la clínica
copy-uids = Conservar los UID originales
    .hint = (permite relacionar la copia con los originales)
copy-safe-private = Conservar mediciones del fabricante que se saben seguras
    .hint = (como los factores SUV de PET y los valores b de difusión; la lista segura del estándar)
copy-burned-in = Copiar también imágenes que pueden mostrar texto en los píxeles
    .hint = (ecografías, capturas de pantalla, documentos escaneados: revíselas usted mismo)
copy-black-out = Buscar texto en los píxeles y taparlo en negro
    .hint = (solo imágenes sin comprimir; las comprimidas con texto se dejan fuera; el detector no ve todo el texto, así que revise las copias que cambió)
copy-name-prefix-label = Nombres nuevos:
copy-name-prefix-hint = y un número ("{ $prefix } 1")
copy-id-prefix-label = IDs de paciente nuevos:
copy-id-prefix-hint = y un número ("{ $prefix }1")
copy-prefix-empty = un prefijo de reemplazo no puede estar vacío
copy-prefix-too-long = un prefijo de reemplazo puede tener como máximo { $max } caracteres, no { $count }
copy-prefix-character = un prefijo de reemplazo no puede contener { $character }, que tiene un significado en los valores DICOM

## Clean copy: where it goes, progress and outcome. $limit and $size are in MB.

copy-to-folder = Copiar en una carpeta…
copy-to-zip = Descargar la copia como ZIP
copy-cancel = Cancelar
copy-zip-too-large-folder = Un ZIP se arma en la memoria de esta página, por eso se ofrece para conjuntos de hasta { $limit } MB (estos archivos: { $size } MB). Mejor copie en una carpeta.
copy-zip-too-large-no-folder = Un ZIP se arma en la memoria de esta página, por eso se ofrece para conjuntos de hasta { $limit } MB (estos archivos: { $size } MB). Use Chrome o Edge para copiar en una carpeta, o la herramienta de línea de comandos.
copy-file-limit = Los archivos de más de { $limit } MB se dejan fuera (la herramienta de línea de comandos sí los copia).
copy-progress-label = Archivos copiados
copy-running = Copiando: { $done } de { $count } archivos, { $copied } escritos…
copy-done-folder = Listo: { $count ->
        [one] 1 copia limpia escrita
       *[other] { $count } copias limpias escritas
    } en la carpeta nueva “{ $folder }”.
copy-done-zip = Listo: { $count ->
        [one] 1 copia limpia
       *[other] { $count } copias limpias
    } en clean-copy.zip (en sus descargas).
copy-people = { $count ->
        [one] 1 persona recibió
       *[other] { $count } personas recibieron cada una
    } un nombre nuevo.
copy-left-out = { $count ->
        [one] Se dejó fuera 1 archivo
       *[other] Se dejaron fuera { $count } archivos
    }; MANIFEST.txt en la copia indica cuáles (por número) y por qué.
copy-check-yourself = Suelte la copia en esta página para revisarla usted mismo.
copy-left-out-list = Archivos dejados fuera ({ $count })
copy-manifest = Qué se hizo (MANIFEST.txt)
copy-failed = No se hizo ninguna copia: { $reason }
copy-no-worker = Este navegador no pudo iniciar el copiador.
copy-crashed = El copiador se detuvo (puede que el navegador se haya quedado sin memoria). Pruebe con menos archivos a la vez, o con la herramienta de línea de comandos.
copy-folder-not-opened = No se pudo abrir la carpeta: { $reason }
copy-folder-not-made = No se pudo crear una carpeta ahí: { $reason }
copy-cancelling = Cancelando: eliminando lo que se escribió…
copy-cancelled = Cancelado. No se conservó nada de la copia.
copy-cancelled-left = Cancelado, pero no se pudo eliminar la carpeta “{ $folder }” ({ $reason }): bórrela usted mismo, ya que solo contiene una parte de la copia.

# The pixel check's line on an image's card.
card-pixels-text-badge = Texto en la imagen
card-pixels-text = Hay texto dibujado en esta imagen: { $boxes ->
    [one] una línea
   *[other] { $boxes } líneas
}, la primera en el fotograma { $frame }. Cualquiera que vea la imagen puede leerlo.
card-pixels-show = Mostrar dónde (solo se dibuja aquí)
card-pixels-hide = Ocultar la imagen
card-pixels-frame-label = El fotograma donde se encontró texto, cada línea de texto marcada en rojo
card-pixels-caption = Se dibuja solo en esta página: no se guarda, no se imprime ni se incluye en ninguna exportación.
card-pixels-no-picture = No se guarda ninguna imagen: la página guarda imágenes de las primeras { $count } imágenes con texto.
card-pixels-clean = Píxeles revisados ({ $frames ->
    [one] un fotograma
   *[other] { $frames } fotogramas
}): no se encontró texto.
card-pixels-not-checked = Píxeles no revisados: { $reason }. Revise usted esta imagen.
card-pixels-read = Leer el texto aquí (descarga unos { $mb } MB una vez)
card-pixels-reading = Leyendo el texto en este ordenador…
card-pixels-read-failed = No se pudo leer el texto: { $error }
card-pixels-read-nothing-to-compare = Leído. La cabecera del archivo no tiene nombre, ID ni fecha de nacimiento con que compararlo.
card-pixels-read-no-repeat = Leído: el texto no repite el nombre, el ID ni la fecha de nacimiento del paciente tal como los escribe la cabecera. La lectura puede fallar: mire usted la imagen.
card-pixels-read-repeats = Leído: el texto repite { $what } del paciente que figura en la cabecera. Quien vea esta imagen ve de quién es.
card-pixels-repeats-name = el nombre
card-pixels-repeats-id = el ID
card-pixels-repeats-birth-date = la fecha de nacimiento
