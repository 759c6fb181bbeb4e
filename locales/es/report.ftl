# Textos con gramática que escribe el núcleo: el veredicto, la carta al proveedor, los textos
# de reglas hechos de partes.

## Filas del Anexo E. $action es un texto action-*.

annex-e-fix = Un desidentificador que siga el Perfil Básico de DICOM (Basic Profile) habría { $action } este atributo. Hágalo antes de compartir el archivo.

## La carta al proveedor.

letter-subject = Asunto: Preguntas sobre cómo se protegen mis imágenes médicas
letter-greeting = Estimado señor o señora:
letter-opening-ask = Soy paciente de su consulta. En 2019, periodistas de ProPublica y Bayerischer Rundfunk encontraron 187 servidores de imágenes médicas en Estados Unidos que cualquier persona en Internet podía abrir sin contraseña, con los nombres, las fechas de nacimiento y a veces los números de Seguro Social de millones de pacientes. Quisiera entender cómo se protegen mis imágenes, y le agradecería que respondiera a las siguientes preguntas:
letter-opening-confirm = Soy paciente de su consulta. En 2019, periodistas de ProPublica y Bayerischer Rundfunk encontraron 187 servidores de imágenes médicas en Estados Unidos que cualquier persona en Internet podía abrir sin contraseña, con los nombres, las fechas de nacimiento y a veces los números de Seguro Social de millones de pacientes. Quisiera entender cómo se protegen mis imágenes, y le agradecería una breve confirmación de lo siguiente:
letter-confirm-login = ¿Podría confirmarme por escrito que no se puede acceder a mis imágenes por Internet sin mi propio usuario y contraseña?
letter-confirm-assessment = ¿Podría confirmarme que ustedes, y el centro de imágenes al que envían a sus pacientes, han realizado la evaluación de riesgos de seguridad que exige HIPAA en los últimos 12 meses?
letter-closing = Gracias por su tiempo. Puede responderme por carta o por correo electrónico.
letter-regards = Atentamente,
letter-sign-here = [su nombre]

## Lo que muestra un análisis, junto a un paso de la lista.

evidence-network = nmap: { $host }:{ $port } { $what } ({ $place })
evidence-any-aet = acepta cualquier título AE (AE title)
evidence-aet-guessed = aceptó un título AE que dicom-brute adivinó
evidence-dicom-open = responde a DICOM
evidence-dicom-port-open = tiene abierto un puerto DICOM
evidence-dicom-tls = responde a DICOM sobre TLS
evidence-pacs-web = ofrece un visor web de PACS o una API REST
evidence-query-answered = es accesible
evidence-public-address = dirección pública
evidence-private-address = dirección privada: accesible dentro de su red; confirme que no es accesible desde fuera
evidence-query-export = { $file } ({ $format }): el servidor respondió a una consulta con { $people ->
        [one] 1 persona
       *[other] { $people } personas
    } en { $records ->
        [one] 1 registro
       *[other] { $records } registros
    }; si la consulta vino de un equipo o título AE que no está en su lista de permitidos, cualquiera puede consultar
evidence-files = { $files ->
        [one] 1 archivo de imagen identifica
       *[other] { $files } archivos de imagen identifican
    } a { $people ->
        [one] 1 persona
       *[other] { $people } personas
    }
evidence-files-holding = { evidence-files }: { $categories }
evidence-burned-in = { $files ->
        [one] 1 imagen tiene
       *[other] { $files } imágenes tienen
    } texto incrustado en los píxeles, que no se elimina al borrar campos del encabezado
evidence-broken-deidentification = { $files ->
        [one] 1 archivo dice estar desidentificado pero aún contiene
       *[other] { $files } archivos dicen estar desidentificados pero aún contienen
    } identificadores
evidence-server-info = { $file }: el servidor indica { $text }

## Por qué un paso está en el plan de acción de la lista.

plan-answered-no = usted respondió no
plan-answered-not-sure = usted respondió no estoy seguro/a
plan-scan-shows = el análisis muestra { $sentences }

## El veredicto que abre el informe. $scanned cuenta los archivos leídos.

verdict-none-read = No se pudo leer { $files ->
        [one] el único archivo
       *[other] ninguno de los { $files } archivos
    }.
verdict-clean = { $scanned ->
        [one] Este archivo no nombra a nadie ni contiene
       *[other] Estos { $scanned } archivos no nombran a nadie ni contienen
    } ningún identificador que conozcamos.
verdict-names-no-one = { $scanned ->
        [one] Este archivo no nombra
       *[other] Estos { $scanned } archivos no nombran
    } a nadie
verdict-other-details = { $scanned ->
        [one] Este archivo no nombra a nadie, pero contiene otros datos identificativos
       *[other] Estos { $scanned } archivos no nombran a nadie, pero { $with ->
            [one] 1 archivo contiene
           *[other] { $with } archivos contienen
        } otros datos identificativos
    }
verdict-identifies = { $scanned ->
        [one] Este archivo identifica
       *[other] Estos { $scanned } archivos identifican
    } a { $people ->
        [one] 1 persona
       *[other] { $people } personas
    }
verdict-identifies-by = { verdict-identifies } por { $traits }
verdict-by-name = nombre
verdict-by-birth-date = fecha de nacimiento
verdict-by-id = ID de paciente
verdict-also = { $files ->
        [one] 1 archivo también contiene
       *[other] { $files } archivos también contienen
    } { $what }
verdict-network = Un análisis de red muestra { $services ->
        [one] 1 servicio de imágenes accesible
       *[other] { $services } servicios de imágenes accesibles
    } por la red.
verdict-failed = { $files ->
        [one] No se pudo leer 1 archivo
       *[other] No se pudieron leer { $files } archivos
    }.

## Listas: "a, b y c". $init son los elementos salvo el último, separados por comas.

list-and = { $init } y { $last }

## El CSV de hallazgos: su primera línea (un comentario, sin comas) y sus encabezados.
## $revealed es "yes" o "no".

csv-about = # Informe de { $tool } { $version } del { $date }: { $scanned ->
        [one] 1 archivo analizado
       *[other] { $scanned } archivos analizados
    }; { $failed } sin leer; { $people ->
        [one] 1 persona
       *[other] { $people } personas
    }; { $findings ->
        [one] 1 hallazgo
       *[other] { $findings } hallazgos
    }; { $services ->
        [one] 1 servicio expuesto
       *[other] { $services } servicios expuestos
    }; valores { $revealed ->
        [yes] visibles
       *[no] enmascarados
    }
csv-file = archivo
csv-location = ubicacion
csv-path = ruta
csv-keyword = palabra_clave
csv-vr = vr
csv-rule-id = id_regla
csv-category = categoria
csv-severity = gravedad
csv-value = valor

## El resumen del informe como texto (la página lo imprime con el plan).

summary-none = ninguna
summary-counts = Gravedad máxima: { $worst }. Archivos: { $scanned } analizados, { $failed } sin leer, { $with } con hallazgos. Estudios: { $studies }.
summary-pixels = Píxeles: { $checked } imágenes revisadas, con texto en { $text }; { $unchecked } no se pudieron revisar.
summary-kinds = Qué contienen los archivos (archivos por tipo):
summary-people = Personas:
summary-no-name = (sin nombre)
summary-person = { $name } | nacimiento { $born } | ID { $id } | { $files ->
        [one] 1 archivo
       *[other] { $files } archivos
    } | máxima { $worst }
summary-dicomdir = DICOMDIR { $name }: hace referencia a { $referenced ->
        [one] 1 archivo
       *[other] { $referenced } archivos
    }, { $scanned } analizados con él, { $missing } faltan

## Lo que la página dice de un archivo además de sus hallazgos. El detalle de un lector
## ($reason, $error) queda en inglés.

file-not-read = No es un formato que esta herramienta lea: { $what }
file-not-recognised = No es un formato que esta herramienta lea (se probó DICOM Parte 10 y conjuntos de datos sin encabezado, ZIP, { $tried }): { $reason } (detalle en inglés).
file-not-dicom = No es un archivo DICOM: { $reason } (detalle en inglés).
file-too-large = Este archivo ({ $what }) supera { $mib } MiB, lo máximo que esta herramienta lee entero; divídalo en archivos más pequeños.
file-empty-archive = Este archivo comprimido no contiene archivos (está vacío o solo tiene carpetas): no hay nada que revisar.
file-appended-text = Texto agregado después de los datos DICOM, analizado como texto libre.
file-archive-of = { $members ->
        [one] Un archivo comprimido con 1 archivo, que aparece más abajo.
       *[other] Un archivo comprimido con { $members } archivos; cada uno aparece más abajo.
    }
file-archive-broke = { $failure } { $members ->
        [one] El archivo revisado antes de eso aparece más abajo.
       *[other] Los { $members } archivos revisados antes de eso aparecen más abajo.
    }
file-cancelled = No revisado: se canceló el análisis.
file-crashed = El analizador falló con este archivo (puede estar dañado o ser demasiado grande para este navegador); se reinició y los demás archivos continúan.
file-silent = El analizador dejó de responder con este archivo (después de { $seconds } s); se reinició y los demás archivos continúan.
file-nothing-back = El analizador no devolvió nada para este archivo.
file-browser-could-not-read = El navegador no pudo leer este archivo: { $error }
file-not-handed-over = El navegador no pudo entregar este archivo al analizador.
file-no-scanner = El analizador no pudo iniciarse en este navegador; pruebe con una versión actual de Chrome, Edge, Firefox o Safari.
