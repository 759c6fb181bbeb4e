# Texts with grammar that the core writes: the verdict, the letter to the provider, rule
# texts made from parts. The CLI and the JSON report use this English; the page uses the
# catalogue of the language chosen.

## Annex E rows: the table has no prose of its own; $action is an action-* text.

annex-e-fix = A de-identifier following the DICOM Basic Profile would have { $action } this attribute. Do that before sharing the file.

## The letter to the provider.

letter-subject = Subject: Questions about how my medical images are protected
letter-greeting = Dear Sir or Madam,
letter-opening-ask = I am a patient of your practice. In 2019, reporters from ProPublica and Bayerischer Rundfunk found 187 imaging servers in the United States that anyone on the Internet could open without a password, exposing millions of patients' names, birth dates and sometimes Social Security numbers. I would like to understand how my images are protected, and I would be grateful for answers to the following questions:
letter-opening-confirm = I am a patient of your practice. In 2019, reporters from ProPublica and Bayerischer Rundfunk found 187 imaging servers in the United States that anyone on the Internet could open without a password, exposing millions of patients' names, birth dates and sometimes Social Security numbers. I would like to understand how my images are protected, and I would be grateful for a short confirmation of the following:
letter-confirm-login = Could you confirm in writing that my images cannot be reached over the Internet without my own login and password?
letter-confirm-assessment = Could you confirm that you, and the imaging centre you refer patients to, have carried out the HIPAA security risk assessment in the last 12 months?
letter-closing = Thank you for your time. A reply by letter or e-mail is fine.
letter-regards = Kind regards,
letter-sign-here = [your name]
