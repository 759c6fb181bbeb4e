
rule-V-SSN = Número de Seguro Social en el texto
    .why = Un número de Seguro Social revela su identidad por sí solo y se usa para abrir cuentas a su nombre.
    .fix = Elimine este texto o déjelo en blanco antes de compartir el archivo; una herramienta de desidentificación con la opción 'clean descriptors' (limpiar descriptores) elimina ese tipo de texto.

rule-V-ITIN = Número de contribuyente (ITIN) en el texto
    .why = El Número de Identificación Personal del Contribuyente (ITIN) es el que el IRS asigna a las personas que no pueden obtener un número de Seguro Social; revela su identidad igual que un número de Seguro Social.
    .fix = Elimine este texto o déjelo en blanco antes de compartir el archivo; una herramienta de desidentificación con la opción 'clean descriptors' (limpiar descriptores) elimina ese tipo de texto.

rule-V-SSN-SHAPED = Número escrito como un número de Seguro Social
    .why = Este número está escrito como un número de Seguro Social, pero en un rango que la SSA nunca asigna (área 000, 666 o 9xx fuera de los rangos de contribuyentes, grupo 00, número de serie 0000, o un número de ejemplo publicado). Puede ser un número real mal escrito, que sigue siendo suyo.
    .fix = Compruebe qué número es; si es un número de Seguro Social, aunque esté mal escrito, elimínelo antes de compartir el archivo.

rule-V-PHONE = Número de teléfono en el texto
    .why = Un número de teléfono lleva directamente a usted o a su hogar, y se puede buscar.
    .fix = Elimine o limpie este texto antes de compartir el archivo (la opción 'clean descriptors' de una herramienta de desidentificación lo hace).

rule-V-EMAIL = Dirección de correo electrónico en el texto
    .why = Una dirección de correo electrónico suele incluir su nombre y le llega directamente a usted.
    .fix = Elimine o limpie este texto antes de compartir el archivo (la opción 'clean descriptors' de una herramienta de desidentificación lo hace).

rule-V-URL = Dirección web en el texto
    .why = Una dirección web puede apuntar al sistema del hospital o a una página personal, lo que les dice a otros dónde recibió atención o quién es usted.
    .fix = Elimine o limpie este texto antes de compartir el archivo (la opción 'clean descriptors' de una herramienta de desidentificación lo hace).

rule-V-IP = Dirección IP en el texto
    .why = Una dirección IP puede revelar la red del hospital o la computadora de la que salió el archivo.
    .fix = Elimine o limpie este texto antes de compartir el archivo (la opción 'clean descriptors' de una herramienta de desidentificación lo hace).

rule-V-DATE = Fecha en el texto
    .why = Una fecha escrita en una nota suele ser su fecha de nacimiento o una fecha de atención; junto con muy pocos datos más, permite saber que se trata de usted.
    .fix = Elimine la fecha del texto, o desplácela en el tiempo, antes de compartir el archivo.

rule-V-ADDRESS = Domicilio en el texto
    .why = Un domicilio muestra dónde vive; con él, cualquiera puede dar con usted.
    .fix = Elimine o limpie este texto antes de compartir el archivo (la opción 'clean descriptors' de una herramienta de desidentificación lo hace).

rule-V-ZIP = Código postal (ZIP) en el texto
    .why = Un código postal reduce la zona en la que vive y ayuda a vincular este archivo con usted.
    .fix = Elimine o limpie este texto antes de compartir el archivo (la opción 'clean descriptors' de una herramienta de desidentificación lo hace).

rule-V-NAME-ECHO = Su nombre en el texto
    .why = Su propio nombre aparece en un campo de texto, así que cualquiera que lea el archivo ve a quién pertenece, incluso después de haberse eliminado el propio campo del nombre.
    .fix = Elimine o limpie este texto antes de compartir; eliminar solo el campo del nombre no basta.

rule-V-MRN = Número de expediente o de paciente en el texto
    .why = Un número de expediente médico, de paciente o de cuenta remite a sus registros en el hospital.
    .fix = Elimine el número del texto, o reemplácelo por un código de estudio, antes de compartir el archivo.

rule-F-BURNED-IN = Hay texto incrustado en la imagen
    .why = El archivo indica que hay texto dibujado en la propia imagen, a menudo su nombre, su fecha de nacimiento o su número de identificación. Limpiar el encabezado no lo elimina.
    .fix = Revise las imágenes antes de compartirlas; cubra con negro el texto de la imagen con una herramienta que limpie los datos de píxeles, o comparta una copia desidentificada hecha por su proveedor de atención médica.

rule-F-BURNED-IN-LIKELY = Puede haber texto incrustado en la imagen
    .why = Las ecografías, las capturas de pantalla, las angiografías por rayos X e imágenes similares suelen tener su nombre o su número de identificación dibujado en la imagen, y este archivo no indica lo contrario.
    .fix = Revise las imágenes antes de compartirlas; cubra con negro el texto de la imagen con una herramienta que limpie los datos de píxeles, o comparta una copia desidentificada hecha por su proveedor de atención médica.

rule-F-BURNED-IN-PIXELS = Se encontró texto en la imagen
    .why = Al revisar la imagen misma se encontraron líneas de texto dibujadas en ella, donde suelen aparecer nombres, fechas de nacimiento y números de identificación. Limpiar el encabezado no las elimina.
    .fix = Revise las imágenes antes de compartirlas; cubra con negro el texto de la imagen con una herramienta que limpie los datos de píxeles, o comparta una copia desidentificada hecha por su proveedor de atención médica.

rule-F-DOCUMENT = Hay un documento (PDF o CDA) incrustado
    .why = Un documento completo (un informe o una carta) viaja dentro del archivo; puede contener cualquier dato sobre usted.
    .fix = Lea el informe antes de compartirlo; quítelo del conjunto si no es necesario.

rule-F-SR = Un informe estructurado con texto libre
    .why = Los informes incluyen los hallazgos como texto libre, con nombres de personas y fechas de atención.
    .fix = Lea el informe antes de compartirlo; quítelo del conjunto si no es necesario.

rule-F-FACE = Estudio de la cabeza: se puede reconstruir el rostro
    .why = A partir de una serie de cortes de tomografía (TC) o resonancia magnética (RM) de la cabeza, un programa puede reconstruir un rostro que las herramientas de reconocimiento facial pueden asociar con una foto.
    .fix = Comparta los estudios de la cabeza solo con personas de confianza, o pida una copia en la que se haya borrado el rostro.

rule-F-DEID-BROKEN = Marcado como desidentificado, pero quedan identificadores
    .why = El archivo afirma que se eliminó la identidad del paciente, pero todavía contiene el nombre o un número de la persona. Quien confíe en esa afirmación lo compartiría.
    .fix = No comparta este archivo como anónimo. Vuelva a hacer una desidentificación completa (Perfil Básico de DICOM PS3.15, Basic Profile) y compruebe el resultado.

rule-F-PRIVATE = Hay datos privados del fabricante
    .why = Los fabricantes guardan sus propios datos en atributos privados; algunos copian allí nombres, números de identificación o notas, y la mayoría de las herramientas no pueden leerlos.
    .fix = Elimine los atributos privados antes de compartir, a menos que el destinatario los necesite.

rule-F-RETIRED = Hay atributos retirados
    .why = Los atributos que el estándar ya no usa a menudo se les escapan a las herramientas de desidentificación que solo conocen los actuales.
    .fix = Elimine los atributos retirados al desidentificar.

rule-N-DICOM-ANY-AET = El servidor DICOM acepta cualquier título AE
    .why = El servidor permite que se conecte cualquier programa, sea cual sea el nombre (título AE, AE title) que dé. Cualquiera que pueda llegar al puerto puede buscar pacientes y descargar sus imágenes.
    .fix = Permita solo títulos AE conocidos desde direcciones conocidas (un firewall y la lista de modalidades del servidor), use DICOM TLS con certificados de cliente y nunca exponga el puerto a Internet.

rule-N-DICOM-AET-GUESSED = Se adivinó el título AE del servidor DICOM
    .why = El título AE (AE title) del servidor se encontró probando nombres comunes. Los títulos AE no son contraseñas: una vez conocidos, cualquiera que pueda llegar al puerto puede consultar y descargar imágenes.
    .fix = Permita solo títulos AE conocidos desde direcciones conocidas (un firewall y la lista de modalidades del servidor), use DICOM TLS con certificados de cliente y nunca exponga el puerto a Internet.

rule-N-DICOM-QUERY-ANSWERED = El servidor DICOM respondió a una consulta de pacientes
    .why = El servidor respondió a una consulta de la herramienta de análisis con nombres o números de identificación de pacientes: cualquiera que pueda llegar al puerto puede leer los datos de los pacientes.
    .fix = Desconecte ya el servidor de la red; después, permita consultas solo de equipos conocidos detrás de un firewall, con DICOM TLS. Revise sus registros (logs) para ver quién lo consultó.

rule-N-DICOM-OPEN = Servidor DICOM accesible
    .why = Un servidor DICOM responde en este puerto. Comprueba el título AE llamado (called AE title), pero los títulos AE son fáciles de adivinar y DICOM no tiene contraseñas.
    .fix = Bloquee el puerto en el firewall excepto para modalidades y estaciones de trabajo conocidas; use DICOM TLS.

rule-N-DICOM-PORT-OPEN = Puerto DICOM abierto
    .why = Está abierto un puerto que usan los servidores DICOM. El análisis no comprobó qué responde; puede ser un PACS o una modalidad que guarda imágenes.
    .fix = Bloquee el puerto en el firewall excepto para modalidades y estaciones de trabajo conocidas; use DICOM TLS.

rule-N-PACS-WEB-OPEN = Puerto web de PACS abierto
    .why = Hay un puerto web abierto en un equipo que parece un PACS. Las interfaces web y las API REST de los PACS (Orthanc, dcm4chee, visores) a menudo funcionan con contraseñas predeterminadas o sin contraseña.
    .fix = Ponga la interfaz web detrás de una VPN o de un inicio de sesión con contraseñas seguras, y desactive el acceso remoto donde no sea necesario.

rule-N-DICOM-TLS = Puerto DICOM TLS abierto
    .why = El puerto DICOM TLS está abierto: el servidor ofrece DICOM cifrado. Conviene saberlo; compruebe que el puerto sin cifrar esté cerrado y que se exijan certificados de cliente.
    .fix = Mantenga TLS; exija certificados de cliente y cierre el puerto DICOM sin cifrar.

category-names = nombres
    .why = Un nombre le dice a cualquiera que tenga el archivo de quién es este estudio.

category-geography = direcciones y lugares
    .why = Una dirección o un lugar reduce la búsqueda a un hogar o a una calle.

category-dates = fechas
    .why = Las fechas de nacimiento y de atención, junto con muy pocos datos más, permiten distinguir a una persona.

category-phone = números de teléfono
    .why = Un número de teléfono o de fax lleva directamente a una persona.

category-fax = números de fax
    .why = Un número de teléfono o de fax lleva directamente a una persona.

category-email = direcciones de correo electrónico
    .why = Una dirección de correo electrónico lleva directamente a una persona.

category-ssn = números de Seguro Social
    .why = Un número de Seguro Social revela su identidad y facilita el robo de identidad.

category-medical_record = ID de paciente y números de expediente
    .why = Un ID de paciente o un número de expediente vincula este archivo con todos sus demás registros.

category-health_plan = números de plan de salud
    .why = Los números de seguro y de cuenta vinculan el archivo con usted y con sus facturas.

category-account = números de cuenta
    .why = Los números de seguro y de cuenta vinculan el archivo con usted y con sus facturas.

category-license = números de licencia y de certificado
    .why = Los números de licencia y de vehículo permiten llegar a una persona.

category-vehicle = identificadores de vehículos
    .why = Los números de licencia y de vehículo permiten llegar a una persona.

category-device = números de serie de dispositivos
    .why = Los identificadores de dispositivos vinculan el estudio con una máquina, un lugar y un momento de atención.

category-url = direcciones web
    .why = Las direcciones web y de red apuntan a los sistemas que guardan sus registros.

category-ip = direcciones IP
    .why = Las direcciones web y de red apuntan a los sistemas que guardan sus registros.

category-biometric = identificadores biométricos
    .why = Su rostro o los rasgos de su cuerpo pueden asociarse con usted sin necesidad de un nombre.

category-face_image = imágenes del rostro
    .why = Su rostro o los rasgos de su cuerpo pueden asociarse con usted sin necesidad de un nombre.

category-other_unique = otros números y códigos únicos
    .why = Los números y códigos únicos vinculan este archivo con sus otros registros y visitas.

category-free_text = textos libres que pueden incluir su nombre
    .why = El texto libre a menudo contiene nombres, fechas y notas sobre usted.

category-context = datos de dónde y por quién recibió atención
    .why = Saber dónde y por quién recibió atención permite acotar quién es usted.

severity-info = info

severity-low = baja

severity-medium = media

severity-high = alta

severity-critical = crítica

action-X = eliminado

action-Z = vaciado

action-D = reemplazado por un valor ficticio

action-U = reemplazado por un nuevo UID

action-C = limpiado

action-K = conservado

action-Z_D = vaciado o reemplazado por un valor ficticio, según el tipo de objeto

action-X_Z = eliminado o vaciado, según el tipo de objeto

action-X_D = eliminado o reemplazado por un valor ficticio, según el tipo de objeto

action-X_Z_D = eliminado, vaciado o reemplazado, según el tipo de objeto

action-X_Z_Us = eliminado, vaciado o renovado con nuevos UID (para los UID que contiene), según el tipo de objeto

action-other = modificado como lo describe el estándar

step-P-LOGIN = Su propio inicio de sesión para ver sus imágenes
    .question = ¿Para ver sus imágenes en línea necesita su propio usuario y contraseña?
    .why = En 2019, unos periodistas encontraron en Estados Unidos 187 servidores de imágenes médicas que cualquier persona en Internet podía abrir sin contraseña, con los nombres y las fechas de nacimiento de millones de pacientes y, a veces, sus números de Seguro Social. Un inicio de sesión personal es lo mínimo que debería haber entre Internet y sus estudios.
    .how = Abra el enlace o el portal que le dio su proveedor de atención médica en una ventana privada del navegador. Si sus imágenes aparecen sin pedirle su propio nombre de usuario y contraseña (o un código que se le envía a usted), la respuesta es no. Si nunca recibió acceso en línea, pregúntele al proveedor: "¿Se puede acceder a mis imágenes desde Internet y, para eso, hace falta mi propio usuario y contraseña?"
    .if-not = Pregúntele por escrito al proveedor si su sistema de imágenes (PACS) es accesible desde Internet y cómo se protege el acceso. Un servidor que guarda imágenes nunca debe ser accesible desde Internet sin una VPN y una contraseña. La carta que esta página redacta para usted pregunta exactamente esto.

step-P-RISK-ASSESSMENT = Evaluación de riesgos de seguridad en su proveedor
    .question = ¿Su proveedor de atención médica, y el centro de imágenes al que lo/la envía, han hecho una evaluación de riesgos de seguridad de HIPAA en los últimos 12 meses?
    .why = En Estados Unidos, los proveedores deben analizar los riesgos para los datos de salud que guardan y actuar según lo que encuentren. Un consultorio que nunca lo ha revisado es el tipo de lugar donde un servidor abierto pasa inadvertido durante años.
    .how = Pregúntele al oficial de privacidad o de seguridad del proveedor: "¿Cuándo hicieron por última vez su evaluación de riesgos de seguridad de HIPAA, y cubre el sistema de imágenes y el centro de imágenes al que envían a sus pacientes?" Una fecha dentro del último año es un sí.
    .if-not = Pídales que hagan una (el HHS ofrece una herramienta gratuita de evaluación de riesgos de seguridad, la Security Risk Assessment Tool, para consultorios pequeños) y que le avisen cuando esté hecha. Si no pueden responder, pregunte directamente al centro de imágenes.

step-P-PORTAL = Un portal personal, no usuarios compartidos ni enlaces públicos
    .question = ¿Recibe sus imágenes a través de un portal con su propia cuenta, y no mediante un usuario compartido del visor o un enlace que cualquiera podría abrir?
    .why = Un usuario compartido (un mismo nombre de usuario para todos los pacientes) o un enlace público permite que cualquiera que lo obtenga vea sus estudios, y a menudo también los de otros pacientes.
    .how = Fíjese en cómo recibió el acceso. Un enlace sin inicio de sesión, un usuario y una contraseña impresos para muchos pacientes, o un enlace que nunca vence son un no. Su propia cuenta, o un enlace que vence y requiere un código que se le envía a usted, es un sí.
    .if-not = Pídale al proveedor acceso a través de un portal del paciente con su propia cuenta, o una copia en un disco que usted guarde en un lugar seguro. No reenvíe enlaces compartidos.

step-P-CHECK-FILES = Revise los CD, las memorias USB y los ZIP antes de compartirlos
    .question = Antes de compartir un CD, una memoria USB o un ZIP con sus estudios, ¿revisa lo que revela sobre usted?
    .why = Cada archivo de imagen de un disco suele llevar su nombre, su fecha de nacimiento, su ID de paciente y los lugares y las fechas de su atención, y el archivo índice del disco (DICOMDIR) los vuelve a enumerar. Algunas imágenes además tienen su nombre escrito en la propia imagen.
    .how = Arrastre los archivos (o la carpeta entera, o el ZIP) a esta página. Se leen en su computadora y nunca se suben a Internet. El informe muestra qué hay en ellos que revela su identidad.
    .if-not = Trate los discos, las memorias y los ZIP como cualquier expediente médico: compártalos solo con quienes los necesiten y nunca los publique en Internet tal como están. Si tiene que compartir imágenes públicamente (un foro, investigación, docencia), elimine primero los identificadores y compruebe que no haya ningún nombre escrito en las imágenes.

step-P-IF-EXPOSED = Sepa qué hacer si sus datos quedan expuestos
    .question = ¿Sabe a quién contactar si descubre que sus imágenes o sus datos están expuestos?
    .why = Cuanto antes lo sepa el proveedor, antes se cierra el servidor. Los proveedores deben investigar, y en Estados Unidos una queja ante el organismo regulador asegura que lo hagan.
    .how = Busque el nombre del oficial de privacidad de su proveedor (figura en su Aviso de Prácticas de Privacidad, que a menudo está en su sitio web o en la recepción).
    .if-not = Primero comuníquese por escrito con el oficial de privacidad del proveedor, diga qué encontró y dónde, y no descargue ni transmita datos de otras personas. En Estados Unidos, si el proveedor no actúa, presente una queja ante la Oficina de Derechos Civiles (OCR) del HHS a través de su portal de quejas en línea, dentro de los 180 días desde que se enteró.

step-O-NO-PUBLIC-DICOM = Ningún puerto DICOM accesible desde Internet
    .question = ¿Están cerrados a Internet todos los puertos DICOM de su PACS y de sus modalidades (104, 11112, 4242, 2761, 2762)?
    .why = Un puerto DICOM que responde desde Internet permite a cualquiera consultar su PACS para obtener nombres de pacientes, fechas de nacimiento y estudios, y descargar las imágenes. Así es como los 187 servidores encontrados en 2019 expusieron a millones de pacientes.
    .how = Desde un equipo fuera de su red, analice su dirección IP pública: nmap -Pn -p 104,2761,2762,4242,11112,80,443,8042,8080 --script dicom-ping,dicom-brute -oX scan.xml <your public IP>. "filtered" o "closed" en estos puertos es bueno. "open" significa que Internet llega al puerto, sin importar lo que el PACS compruebe después. Consulte "Verifique desde afuera" para saber qué significa cada respuesta de los scripts.
    .if-not = Cierre hoy el reenvío de puertos (port forwarding) en su router o firewall. Nadie de afuera necesita un puerto DICOM: quienes leen estudios a distancia se conectan a través de una VPN. Si un socio le envía estudios, permita solo su dirección IP fija y pase a DICOM TLS.

step-O-NO-PUBLIC-WEB = Ningún visor web de PACS ni API REST accesible desde Internet
    .question = ¿Están cerrados a Internet el visor web de su PACS y su API REST (por ejemplo, los puertos 8042, 8080, 80, 443)?
    .why = Los visores web y las API REST, como los de Orthanc, muestran la lista de todos los pacientes y permiten a cualquiera descargar estudios. Sin autenticación, un buscador de dispositivos los encuentra en cuestión de días.
    .how = El mismo análisis desde afuera: 80, 443, 8042 y 8080 deben aparecer como "filtered" o "closed". Además, abra http://<your public IP>:8042/ desde un teléfono con datos móviles (no con el Wi-Fi de su oficina): no debe cargar ninguna página.
    .if-not = Elimine el reenvío de puertos. Acceda al visor desde afuera solo a través de la VPN. Si los pacientes deben descargar imágenes, use un portal del paciente con cuentas personales, no el propio PACS.

step-O-REMOTE-VPN = Acceso remoto solo a través de una VPN con MFA
    .question = ¿Todo el acceso remoto (lectura a distancia, soporte de fabricantes) pasa por una VPN con contraseñas personales y autenticación multifactor (MFA)?
    .why = Una VPN mantiene el PACS fuera de Internet mientras quienes leen los estudios siguen trabajando desde casa. Las contraseñas compartidas o reutilizadas en la VPN o en herramientas de escritorio remoto son la vía de entrada habitual del ransomware.
    .how = Haga una lista de todas las formas de entrar a la red desde afuera: VPN, escritorio remoto, herramientas de soporte remoto de fabricantes, reenvíos de puertos en el router. Cada una debe requerir una cuenta personal con un segundo factor (una app o una llave de seguridad).
    .if-not = Configure una VPN en el firewall (la mayoría de los routers para empresas incluyen una), dé a cada persona que lee estudios su propia cuenta con MFA, elimine los reenvíos de puertos del router y los túneles de fabricantes siempre activos, y deje entrar a los fabricantes solo cuando usted abra el acceso.

step-O-CHECK-OUTSIDE = Verifique desde afuera
    .question = ¿Ha analizado su dirección IP pública desde fuera de su red en los últimos 3 meses?
    .why = Un análisis desde adentro muestra lo que pueden alcanzar sus colegas, no lo que puede alcanzar Internet. Los cambios en el router, las visitas de fabricantes y los dispositivos nuevos abren puertos sin que nadie lo note.
    .how = Desde un equipo fuera de la oficina (una conexión de casa, el punto de acceso de un teléfono, un servidor en la nube), con permiso para la dirección que analiza, ejecute: nmap -Pn -p 104,2761,2762,4242,11112,80,443,8042,8080 --script dicom-ping,dicom-brute -oX scan.xml <your public IP>. Luego arrastre scan.xml a esta página. Qué significan las respuestas: "filtered" o "closed" = bien, Internet no llega al puerto. "Any AET is accepted (Insecure)" = cualquiera en Internet puede consultar su PACS. "Called AET check enabled" = se exige un título AE (AE title), que no es una contraseña: dicom-brute adivina los comunes en segundos. "Valid credentials" de dicom-brute = adivinó su título AE. Un 80/443/8042/8080 abierto = una página web o una API es accesible.
    .if-not = Haga el análisis ahora y repítalo después de cada cambio en el router, el firewall o el PACS, y al menos cada 3 meses.

step-O-AE-ALLOWLIST = Títulos AE llamado y llamante más una lista de IP permitidas
    .question = ¿Su PACS acepta asociaciones solo de modalidades y estaciones de trabajo conocidas, verificadas por título AE llamado (called AE title), título AE llamante (calling AE title) Y dirección IP?
    .why = Los títulos AE no son contraseñas: se envían en texto sin cifrar, y dicom-brute adivina los comunes (ORTHANC, PACS, ANY-SCP, ...). Solo la combinación con una lista de direcciones IP permitidas deja fuera a los desconocidos.
    .how = En la configuración del PACS, busque la lista de modalidades conocidas (en Orthanc: DicomModalities, con DicomCheckCalledAet y DicomCheckModalityHost en true; en dcm4chee y en los sistemas de fabricantes: las verificaciones de título AE y de host). El análisis desde afuera no debe decir "Any AET is accepted" ni informar "Valid credentials".
    .if-not = Registre cada modalidad y estación de trabajo con su título AE y su dirección IP, active las verificaciones de AE llamado, AE llamante y host, y rechace a quienes llamen sin ser conocidos. Mantenga corta la lista de permitidos y revísela cuando cambien los dispositivos.

step-O-QUERY-RESTRICTED = Consultas solo de modalidades y usuarios conocidos
    .question = ¿Su PACS responde a consultas (C-FIND, QIDO-RS, la API REST) solo de modalidades conocidas y de usuarios que iniciaron sesión?
    .why = Una consulta devuelve la lista de sus pacientes con nombres, fechas de nacimiento e ID. Si cualquiera que llame obtiene respuesta, un solo comando copia su lista de pacientes.
    .how = Desde un equipo que no esté en su lista de permitidos, con un título AE que su PACS no conozca, ejecute: findscu -S -aet STRANGER -aec <your PACS AE title> -k QueryRetrieveLevel=STUDY -k PatientName <PACS address> <port>. Debe ser rechazado. Arrastre el resultado a esta página para comprobarlo.
    .if-not = Restrinja C-FIND a las modalidades registradas (Orthanc: DicomAlwaysAllowFind en false, solo DicomModalities conocidas), exija autenticación en las API REST y DICOMweb, y limite el tamaño de los resultados (Orthanc: LimitFindResults, LimitFindInstances).

step-O-DICOM-TLS = DICOM TLS e identidad de usuario
    .question = ¿Las conexiones que salen del edificio usan DICOM TLS (puerto 2762), con negociación de identidad de usuario (user identity negotiation) donde sus sistemas la admitan?
    .why = DICOM sin TLS envía los datos de los pacientes y los títulos AE en texto sin cifrar. TLS (perfiles BCP 195 de PS3.15) los cifra y, con certificados de cliente, demuestra quién se conecta. La negociación de identidad de usuario agrega un nombre de usuario y una contraseña, pero estos también viajan sin cifrar a menos que TLS esté activado.
    .how = Pregunte a los fabricantes de su PACS y de sus modalidades qué perfiles de transporte seguro de PS3.15 y qué tipos de identidad de usuario admiten (el formulario MDS2 lo indica). Compruebe que los socios de fuera de su red se conecten solo por el puerto TLS.
    .if-not = Active DICOM TLS en toda conexión que salga del edificio, con certificados de cliente donde se admitan; use la negociación de identidad de usuario (nombre de usuario y código de acceso, Kerberos, SAML o JWT) solo sobre TLS; y ofrezca DICOMweb solo por HTTPS con una autenticación real.

step-O-WEB-AUTH = Autenticación web activada, sin contraseñas predeterminadas, resultados limitados
    .question = ¿La interfaz web y la API de su PACS exigen un inicio de sesión personal, con todas las cuentas predeterminadas eliminadas y los resultados de las consultas limitados?
    .why = Las contraseñas predeterminadas de los fabricantes se publican en los manuales. Una API que devuelve todos los pacientes a la vez convierte una sola contraseña robada en todo su archivo de imágenes.
    .how = Abra el visor web en una ventana privada del navegador: debe pedir un inicio de sesión. Pruebe la cuenta predeterminada del fabricante: debe fallar. En Orthanc, compruebe que AuthenticationEnabled esté en true, que RemoteAccessAllowed esté en false salvo detrás de la VPN, que RegisteredUsers no tenga el usuario predeterminado orthanc/orthanc y que LimitFindResults esté configurado.
    .if-not = Active la autenticación, dé a cada persona su propia cuenta, cambie o elimine todas las cuentas predeterminadas, mantenga RemoteAccessAllowed desactivado salvo detrás de la VPN, configure LimitFindResults y ponga HTTPS delante del visor.

step-O-PATCH = Sistema operativo y PACS actualizados
    .question = ¿Los sistemas operativos del servidor PACS y de las estaciones de trabajo, y el propio software del PACS, están en versiones que todavía reciben actualizaciones de seguridad, y están actualizados?
    .why = Las versiones antiguas de PACS tienen fallas conocidas y configuraciones predeterminadas inseguras (las versiones antiguas de Orthanc permitían el acceso remoto sin contraseña). Las versiones de Windows sin soporte en las modalidades son blancos habituales del ransomware.
    .how = Anote cada servidor, estación de trabajo y modalidad con su sistema operativo y su versión de software, y compárelos con las versiones que el fabricante admite. Pida a los fabricantes el formulario MDS2 y su política de parches.
    .if-not = Actualice el PACS y los sistemas operativos; para las modalidades que debe parchear el fabricante, pida una fecha por escrito y aísle el dispositivo hasta entonces (vea Segmentación de la red).

step-O-SEGMENT = Segmentación de la red
    .question = ¿El PACS y las modalidades están en su propio segmento de red (VLAN), separados de las computadoras de la oficina, del Wi-Fi de invitados y de Internet?
    .why = Si un correo de phishing infecta una computadora de la recepción, una red plana permite al atacante llegar al PACS y a todas las modalidades. Las modalidades a menudo usan sistemas antiguos que no se pueden parchear.
    .how = Pregunte a quien administra su red si los dispositivos de imágenes están en una VLAN separada con reglas de firewall. Desde una computadora de la recepción, ningún puerto DICOM del PACS debería ser accesible, a menos que esa computadora se use para leer imágenes.
    .if-not = Ponga el PACS y las modalidades en su propia VLAN, permita entre segmentos solo el tráfico DICOM y web que sea necesario, y bloquee el acceso a Internet desde las modalidades.

step-O-BACKUP = Copias de seguridad fuera de línea y probadas
    .question = ¿Tiene una copia de seguridad del PACS que esté fuera de línea (o que no se pueda modificar) y que haya restaurado con éxito en los últimos 12 meses?
    .why = El ransomware cifra el archivo de imágenes y todas las copias de seguridad a las que puede llegar. Solo una copia fuera de línea que usted sepa restaurar le permite seguir trabajando sin pagar.
    .how = Localice la última copia de seguridad: ¿dónde está?, ¿puede borrarla una computadora de la red?, ¿y cuándo restauró por última vez un estudio a partir de ella?
    .if-not = Mantenga al menos una copia fuera de línea o inmutable, cífrela y pruebe una restauración cada año. Deje por escrito quién hace qué ante un incidente.

step-O-RISK-ASSESSMENT = Evaluación de riesgos documentada cada año
    .question = ¿Ha documentado una evaluación de riesgos de seguridad de HIPAA en los últimos 12 meses, que incluya el PACS, y ha actuado en consecuencia?
    .why = HIPAA exige un análisis de riesgos preciso y exhaustivo, y mantenerlo al día. También es lo primero que pedirá un paciente o un organismo regulador después de un incidente.
    .how = Busque la última evaluación de riesgos por escrito y su fecha. ¿Incluye el PACS, las modalidades, el acceso remoto y los fabricantes que tienen acceso?
    .if-not = Use la herramienta gratuita de evaluación de riesgos de seguridad del HHS (Security Risk Assessment Tool), nombre a una persona responsable, revise a los fabricantes y los acuerdos de socio comercial (business associate agreements), y repita la evaluación cada año y después de cambios importantes.

step-O-DEIDENTIFY = Desidentifique las imágenes antes de compartirlas
    .question = Antes de que salgan imágenes para investigación, docencia o una segunda opinión que no necesite la identidad del paciente, ¿se desidentifican con el Perfil Básico de DICOM (Basic Profile) y se revisa si tienen texto incrustado?
    .why = Dejar en blanco el nombre del paciente no basta: las fechas de nacimiento, los ID, los números de acceso (accession numbers), los nombres de la institución y el texto incrustado en los píxeles siguen identificando al paciente.
    .how = Tome una muestra de lo último que compartió y arrástrela a esta página: el informe no debe mostrar ningún identificador ni texto incrustado.
    .if-not = Use una herramienta que aplique el Perfil Básico de Confidencialidad a Nivel de Aplicación de PS3.15 (Basic Application Level Confidentiality Profile), no solo la eliminación del nombre; revise cada imagen en busca de texto incrustado y revise una muestra del resultado antes de enviarlo.

source-propublica-br-2019 = ProPublica/BR 2019 (en inglés)

source-45-cfr-164-308-a-1-ii-a = 45 CFR 164.308(a)(1)(ii)(A)

source-hhs-sra-tool = HHS SRA Tool (en inglés)

source-hhs-405-d-hicp-2023 = HHS 405(d) HICP 2023 (en inglés)

source-dicom-ps3-15-annex-e-basic-profile = DICOM PS3.15 Anexo E (Basic Profile) (en inglés)

source-hhs-ocr-complaint-portal = Portal de quejas de la OCR del HHS

source-hhs-405-d-hicp-2023-practice-6 = HHS 405(d) HICP 2023, práctica 6 (en inglés)

source-nema-mita-csp-1-2015 = NEMA/MITA CSP 1-2015 (en inglés)

source-orthanc-book-security = Orthanc Book: seguridad (en inglés)

source-hhs-405-d-hicp-2023-practice-3 = HHS 405(d) HICP 2023, práctica 3 (en inglés)

source-hhs-405-d-hicp-2023-practice-7 = HHS 405(d) HICP 2023, práctica 7 (en inglés)

source-hhs-405-d-hicp-2023-practice-9 = HHS 405(d) HICP 2023, práctica 9 (en inglés)

source-dicom-ps3-15-annex-b-bcp-195-tls-b-4-user-identity = DICOM PS3.15 Anexo B (BCP 195 TLS), B.4 User Identity (en inglés)

source-hhs-405-d-hicp-2023-practice-5 = HHS 405(d) HICP 2023, práctica 5 (en inglés)

source-hhs-405-d-hicp-2023-practice-4 = HHS 405(d) HICP 2023, práctica 4 (en inglés)

source-hhs-405-d-hicp-2023-practice-8 = HHS 405(d) HICP 2023, práctica 8 (en inglés)

source-hhs-405-d-hicp-2023-practice-10 = HHS 405(d) HICP 2023, práctica 10 (en inglés)

path-patient = Paciente

path-office = Consultorio de imágenes

answer-yes = sí

answer-no = no

answer-not-sure = no estoy seguro/a

answer-not-applicable = no corresponde

ask-P-LOGIN =
    .not-sure = ¿Se puede acceder a mis imágenes por Internet y, de ser así, hace falta mi propio usuario y contraseña para verlas?
    .no = Mis imágenes se pueden ver en línea sin mi propio usuario y contraseña. ¿Podría indicarme cómo se protege el acceso a ellas y darme un acceso que requiera un inicio de sesión personal? ¿Su propio sistema de imágenes (PACS) es accesible desde Internet, o solo a través de una VPN con contraseña?

ask-P-RISK-ASSESSMENT =
    .not-sure = ¿Han realizado ustedes, y el centro de imágenes al que envían a sus pacientes, la evaluación de riesgos de seguridad que exige HIPAA en los últimos 12 meses, y esa evaluación cubre el sistema de imágenes?
    .no = Entiendo que tal vez no haya disponible una evaluación de riesgos de seguridad de HIPAA reciente. ¿Podría indicarme cuándo se realizará, si cubrirá el sistema de imágenes y el centro de imágenes al que envían a sus pacientes, y cómo sabré que se ha realizado?

ask-P-PORTAL =
    .not-sure = ¿Cómo recibo mis imágenes: a través de un portal del paciente con mi propia cuenta, o mediante un usuario compartido o un enlace que cualquiera que lo tenga podría abrir?
    .no = Recibí el acceso a mis imágenes mediante un usuario compartido o un enlace que cualquiera que lo tenga podría abrir. ¿Podría darme, en su lugar, acceso a través de un portal con mi propia cuenta, y desactivar el enlace anterior?

ask-P-IF-EXPOSED =
    .not-sure = ¿Quién es su oficial de privacidad y cómo puedo comunicarme con esa persona si tengo alguna inquietud sobre mis datos?
    .no = ¿Quién es su oficial de privacidad y cómo puedo comunicarme con esa persona si tengo alguna inquietud sobre mis datos?

notread-pdf = este es un documento PDF (¿un informe o una carta?). Aquí no se revisa, pero también puede nombrarlo a usted: revíselo antes de compartirlo.
notread-jpeg = esta es una imagen JPEG, no un archivo DICOM: no tiene encabezado DICOM que revisar, y esta herramienta no lee el texto incrustado en la imagen (nombres, fechas).
notread-png = esta es una imagen PNG, no un archivo DICOM: no tiene encabezado DICOM que revisar, y esta herramienta no lee el texto incrustado en la imagen (nombres, fechas).
notread-gif = esta es una imagen GIF, no un archivo DICOM: no tiene encabezado DICOM que revisar.
notread-tiff-le = esta es una imagen TIFF, no un archivo DICOM: no tiene encabezado DICOM que revisar.
notread-tiff-be = esta es una imagen TIFF, no un archivo DICOM: no tiene encabezado DICOM que revisar.
notread-ole = este es un archivo de Microsoft Office en el formato binario antiguo (.xls, .doc) o uno protegido con contraseña. Guarde una lista de pacientes como .xlsx (sin contraseña) o como CSV para revisarla aquí.
notread-manifest-txt = este es el manifiesto (MANIFEST.txt) de una copia limpia hecha con esta herramienta: dice qué se hizo y no contiene ningún identificador. Los archivos que hay que revisar son las copias que están a su lado.
notread-manifest-json = este es el manifiesto (MANIFEST.json) de una copia limpia hecha con esta herramienta: dice qué se hizo y no contiene ningún identificador. Los archivos que hay que revisar son las copias que están a su lado.
notread-rar = este es un archivo RAR. Descomprímalo (o comprima los archivos como ZIP) y suelte los archivos.
notread-7z = este es un archivo 7-Zip. Descomprímalo (o comprima los archivos como ZIP) y suelte los archivos.
notread-nifti = esta es una imagen NIfTI (un formato de investigación), no un archivo DICOM: no tiene encabezado DICOM que revisar. Su breve campo de descripción puede contener un nombre o una fecha: revíselo antes de compartir el archivo.
notread-nifti-pair = esta es una imagen NIfTI (un formato de investigación), no un archivo DICOM: no tiene encabezado DICOM que revisar. Su breve campo de descripción puede contener un nombre o una fecha: revíselo antes de compartir el archivo.
notread-nifti-2 = esta es una imagen NIfTI (un formato de investigación), no un archivo DICOM: no tiene encabezado DICOM que revisar. Su breve campo de descripción puede contener un nombre o una fecha: revíselo antes de compartir el archivo.
