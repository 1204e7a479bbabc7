"""The demo catalogue loaded by ``manage.py demo``: one-door offices of Lao PDR and Cambodia, and
their sectors and services in English, Lao and Khmer (fictional contacts, plausible content)."""

# Office hours -----------------------------------------------------------------------------------

_HOURS_LA = {
    "en": "Monday to Friday, 8:00\u201312:00 and 13:00\u201316:00",
    "lo": "ວັນຈັນ ຫາ ວັນສຸກ, 8:00\u201312:00 ແລະ 13:00\u201316:00",
    "km": "ថ្ងៃច័ន្ទ ដល់ថ្ងៃសុក្រ ម៉ោង ៨:០០\u2013១២:០០ និង ១៣:០០\u2013១៦:០០",
}

_HOURS_KH = {
    "en": "Monday to Friday, 7:30\u201311:30 and 14:00\u201317:00",
    "lo": "ວັນຈັນ ຫາ ວັນສຸກ, 7:30\u201311:30 ແລະ 14:00\u201317:00",
    "km": "ថ្ងៃច័ន្ទ ដល់ថ្ងៃសុក្រ ម៉ោង ៧:៣០\u2013១១:៣០ និង ១៤:០០\u2013១៧:០០",
}

# Documents many services ask for ----------------------------------------------------------------

_APPLICATION_FORM = {
    "en": "Application form, filled in and signed",
    "lo": "ແບບຟອມຄຳຮ້ອງ ທີ່ຕື່ມຂໍ້ມູນ ແລະ ລົງລາຍເຊັນແລ້ວ",
    "km": "ពាក្យស្នើសុំ ដែលបានបំពេញ និងចុះហត្ថលេខារួច",
}
_ID_CARD = {
    "en": "ID card or passport",
    "lo": "ບັດປະຈຳຕົວ ຫຼື ໜັງສືຜ່ານແດນ",
    "km": "អត្តសញ្ញាណប័ណ្ណ ឬលិខិតឆ្លងដែន",
}
_FAMILY_BOOK = {
    "en": "Family book",
    "lo": "ປຶ້ມສຳມະໂນຄົວ",
    "km": "សៀវភៅគ្រួសារ",
}
_PHOTOS_LA = {
    "en": "Photos, 3x4 cm",
    "lo": "ຮູບຖ່າຍ ຂະໜາດ 3x4 ຊມ",
    "km": "រូបថត ទំហំ ៣x៤ សង់ទីម៉ែត្រ",
}
_PHOTOS_KH = {
    "en": "Photos, 4x6 cm",
    "lo": "ຮູບຖ່າຍ ຂະໜາດ 4x6 ຊມ",
    "km": "រូបថត ទំហំ ៤x៦ សង់ទីម៉ែត្រ",
}
_ENTERPRISE_CERTIFICATE = {
    "en": "Enterprise registration certificate",
    "lo": "ໃບທະບຽນວິສາຫະກິດ",
    "km": "វិញ្ញាបនបត្រចុះបញ្ជីសហគ្រាស",
}
_COMMERCIAL_CERTIFICATE = {
    "en": "Commercial registration certificate",
    "lo": "ໃບທະບຽນການຄ້າ",
    "km": "វិញ្ញាបនបត្រចុះបញ្ជីពាណិជ្ជកម្ម",
}
_TAX_CERTIFICATE = {
    "en": "Tax registration certificate",
    "lo": "ໃບທະບຽນອາກອນ",
    "km": "វិញ្ញាបនបត្រចុះបញ្ជីពន្ធដារ",
}
_LAND_TITLE = {
    "en": "Land title",
    "lo": "ໃບຕາດິນ",
    "km": "ប័ណ្ណកម្មសិទ្ធិដី",
}

# Legal bases shared by several services ---------------------------------------------------------

_LAW_ENTERPRISES_LA = {
    "en": "Law on Enterprises No. 46/NA (2013)",
    "lo": "ກົດໝາຍວ່າດ້ວຍວິສາຫະກິດ ສະບັບເລກທີ 46/ສພຊ (2013)",
    "km": "ច្បាប់ស្តីពីសហគ្រាស លេខ 46/NA (ឆ្នាំ២០១៣)",
}
_LAW_TAX_LA = {
    "en": "Law on Tax Administration (2019)",
    "lo": "ກົດໝາຍວ່າດ້ວຍການຄຸ້ມຄອງອາກອນ (2019)",
    "km": "ច្បាប់ស្តីពីរដ្ឋបាលសារពើពន្ធ (ឆ្នាំ២០១៩)",
}
_LAW_INVESTMENT_LA = {
    "en": "Law on Investment Promotion No. 14/NA (2016)",
    "lo": "ກົດໝາຍວ່າດ້ວຍການສົ່ງເສີມການລົງທຶນ ສະບັບເລກທີ 14/ສພຊ (2016)",
    "km": "ច្បាប់ស្តីពីការលើកកម្ពស់ការវិនិយោគ លេខ 14/NA (ឆ្នាំ២០១៦)",
}
_LAW_LABOUR_LA = {
    "en": "Labour Law (2013)",
    "lo": "ກົດໝາຍວ່າດ້ວຍແຮງງານ (2013)",
    "km": "ច្បាប់ស្តីពីការងារ (ឆ្នាំ២០១៣)",
}
_LAW_FAMILY_REGISTRATION_LA = {
    "en": "Law on Family Registration",
    "lo": "ກົດໝາຍວ່າດ້ວຍທະບຽນຄອບຄົວ",
    "km": "ច្បាប់ស្តីពីការចុះបញ្ជីគ្រួសារ",
}
_OWSO_GUIDELINE_KH = {
    "en": "Ministry of Interior guideline on administrative services at the One Window Service "
    "Office (2022)",
    "lo": "ຄຳແນະນຳຂອງກະຊວງມະຫາດໄທ ວ່າດ້ວຍການບໍລິການດ້ານການບໍລິຫານ ຢູ່ຫ້ອງການບໍລິການຜ່ານປະຕູດຽວ (2022)",
    "km": "គោលការណ៍ណែនាំរបស់ក្រសួងមហាផ្ទៃ ស្តីពីសេវារដ្ឋបាល នៅការិយាល័យច្រកចេញចូលតែមួយ (ឆ្នាំ២០២២)",
}

_ALL_TYPES = ["pdf", "jpeg", "png"]
_IMAGES = ["jpeg", "png"]

# Offices --------------------------------------------------------------------------------------

OFFICES = [
    {
        "key": "xaysetha-odsc",
        "country": "LA",
        "level": "district",
        "name": {
            "en": "One Door Service Centre, Xaysetha District",
            "lo": "ສູນບໍລິການຜ່ານປະຕູດຽວ ເມືອງໄຊເສດຖາ",
            "km": "ការិយាល័យច្រកចេញចូលតែមួយ ស្រុកសៃសេដ្ឋា",
        },
        "address": {
            "en": "District Governor's Office, Xaysetha District, Vientiane Capital",
            "lo": "ຫ້ອງວ່າການເມືອງໄຊເສດຖາ, ນະຄອນຫຼວງວຽງຈັນ",
            "km": "សាលាស្រុកសៃសេដ្ឋា រាជធានីវៀងច័ន្ទ",
        },
        "opening_hours": _HOURS_LA,
        "phone": "+856 21 000 101",
        "email": "xaysetha@onedoor.example",
        "latitude": "17.9757",
        "longitude": "102.6331",
    },
    {
        "key": "moic-odsc",
        "country": "LA",
        "level": "ministry",
        "name": {
            "en": "One Door Service Office, Ministry of Industry and Commerce",
            "lo": "ຫ້ອງການບໍລິການຜ່ານປະຕູດຽວ ກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ",
            "km": "ការិយាល័យច្រកចេញចូលតែមួយ ក្រសួងឧស្សាហកម្ម និងពាណិជ្ជកម្ម",
        },
        "address": {
            "en": "Phonxay Road, Xaysetha District, Vientiane Capital",
            "lo": "ຖະໜົນໂພນໄຊ, ເມືອງໄຊເສດຖາ, ນະຄອນຫຼວງວຽງຈັນ",
            "km": "ផ្លូវផូនសៃ ស្រុកសៃសេដ្ឋា រាជធានីវៀងច័ន្ទ",
        },
        "opening_hours": _HOURS_LA,
        "phone": "+856 21 000 102",
        "email": "moic@onedoor.example",
        "latitude": "17.9745",
        "longitude": "102.6262",
    },
    {
        "key": "mpi-osc",
        "country": "LA",
        "level": "ministry",
        "name": {
            "en": "Investment One-Stop Service Office, Ministry of Planning and Investment",
            "lo": "ຫ້ອງການບໍລິການການລົງທຶນປະຕູດຽວ ກະຊວງແຜນການ ແລະ ການລົງທຶນ",
            "km": "ការិយាល័យច្រកចេញចូលតែមួយផ្នែកវិនិយោគ ក្រសួងផែនការ និងវិនិយោគ",
        },
        "address": {
            "en": "Souphanouvong Avenue, Sikhottabong District, Vientiane Capital",
            "lo": "ຖະໜົນສຸພານຸວົງ, ເມືອງສີໂຄດຕະບອງ, ນະຄອນຫຼວງວຽງຈັນ",
            "km": "មហាវិថីសុផានុវង្ស ស្រុកស៊ីគោត្តបូង រាជធានីវៀងច័ន្ទ",
        },
        "opening_hours": _HOURS_LA,
        "phone": "+856 21 000 103",
        "email": "mpi@onedoor.example",
        "latitude": "17.9641",
        "longitude": "102.5962",
    },
    {
        "key": "luang-prabang-odsc",
        "country": "LA",
        "level": "province",
        "name": {
            "en": "One Door Service Centre, Luang Prabang Province",
            "lo": "ສູນບໍລິການຜ່ານປະຕູດຽວ ແຂວງຫຼວງພະບາງ",
            "km": "ការិយាល័យច្រកចេញចូលតែមួយ ខេត្តហ្លួងព្រះបាង",
        },
        "address": {
            "en": "Provincial Governor's Office, Luang Prabang City, Luang Prabang Province",
            "lo": "ຫ້ອງວ່າການແຂວງ, ເມືອງຫຼວງພະບາງ, ແຂວງຫຼວງພະບາງ",
            "km": "សាលាខេត្ត ក្រុងហ្លួងព្រះបាង ខេត្តហ្លួងព្រះបាង",
        },
        "opening_hours": _HOURS_LA,
        "phone": "+856 21 000 104",
        "email": "luangprabang@onedoor.example",
        "latitude": "19.8856",
        "longitude": "102.1347",
    },
    {
        "key": "daun-penh-owso",
        "country": "KH",
        "level": "district",
        "name": {
            "en": "One Window Service Office, Khan Daun Penh",
            "lo": "ຫ້ອງການບໍລິການຜ່ານປະຕູດຽວ ເຂດດູນເປັນ",
            "km": "ការិយាល័យច្រកចេញចូលតែមួយ ខណ្ឌដូនពេញ",
        },
        "address": {
            "en": "Khan Daun Penh Hall, Phnom Penh",
            "lo": "ຫ້ອງວ່າການເຂດດູນເປັນ, ນະຄອນຫຼວງພະນົມເປັນ",
            "km": "សាលាខណ្ឌដូនពេញ រាជធានីភ្នំពេញ",
        },
        "opening_hours": _HOURS_KH,
        "phone": "+855 23 000 101",
        "email": "daunpenh@onedoor.example",
        "latitude": "11.5696",
        "longitude": "104.9210",
    },
    {
        "key": "siem-reap-owso",
        "country": "KH",
        "level": "district",
        "name": {
            "en": "One Window Service Office, Siem Reap Municipality",
            "lo": "ຫ້ອງການບໍລິການຜ່ານປະຕູດຽວ ເມືອງສຽມຣາບ",
            "km": "ការិយាល័យច្រកចេញចូលតែមួយ ក្រុងសៀមរាប",
        },
        "address": {
            "en": "Siem Reap Municipal Hall, Siem Reap Province",
            "lo": "ຫ້ອງວ່າການເມືອງສຽມຣາບ, ແຂວງສຽມຣາບ",
            "km": "សាលាក្រុងសៀមរាប ខេត្តសៀមរាប",
        },
        "opening_hours": _HOURS_KH,
        "phone": "+855 23 000 102",
        "email": "siemreap@onedoor.example",
        "latitude": "13.3618",
        "longitude": "103.8600",
    },
    {
        "key": "battambang-owso",
        "country": "KH",
        "level": "district",
        "name": {
            "en": "One Window Service Office, Battambang Municipality",
            "lo": "ຫ້ອງການບໍລິການຜ່ານປະຕູດຽວ ເມືອງບັດດຳບອງ",
            "km": "ការិយាល័យច្រកចេញចូលតែមួយ ក្រុងបាត់ដំបង",
        },
        "address": {
            "en": "Battambang Municipal Hall, Battambang Province",
            "lo": "ຫ້ອງວ່າການເມືອງບັດດຳບອງ, ແຂວງບັດດຳບອງ",
            "km": "សាលាក្រុងបាត់ដំបង ខេត្តបាត់ដំបង",
        },
        "opening_hours": _HOURS_KH,
        "phone": "+855 23 000 103",
        "email": "battambang@onedoor.example",
        "latitude": "13.0957",
        "longitude": "103.2022",
    },
    {
        "key": "siem-reap-province-owsu",
        "country": "KH",
        "level": "province",
        "name": {
            "en": "One Window Service Unit, Siem Reap Provincial Administration",
            "lo": "ໜ່ວຍງານບໍລິການຜ່ານປະຕູດຽວ ອົງການປົກຄອງແຂວງສຽມຣາບ",
            "km": "អង្គភាពច្រកចេញចូលតែមួយ រដ្ឋបាលខេត្តសៀមរាប",
        },
        "address": {
            "en": "Siem Reap Provincial Hall, Siem Reap Municipality",
            "lo": "ຫ້ອງວ່າການແຂວງສຽມຣາບ, ເມືອງສຽມຣາບ",
            "km": "សាលាខេត្តសៀមរាប ក្រុងសៀមរាប",
        },
        "opening_hours": _HOURS_KH,
        "phone": "+855 23 000 104",
        "email": "siemreap-province@onedoor.example",
        "latitude": "13.3547",
        "longitude": "103.8531",
    },
]

# Sectors and services -------------------------------------------------------------------------

SECTORS = [
    # Business and commerce ----------------------------------------------------------------------
    {
        "slug": "business",
        "title": {
            "en": "Business and commerce",
            "lo": "ວິສາຫະກິດ ແລະ ການຄ້າ",
            "km": "សហគ្រាស និងពាណិជ្ជកម្ម",
        },
        "intro": {
            "en": "Start and run a business: register an enterprise, import goods or register a "
            "handicraft workshop.",
            "lo": "ເລີ່ມຕົ້ນ ແລະ ດຳເນີນທຸລະກິດ: ຈົດທະບຽນວິສາຫະກິດ, ນຳເຂົ້າສິນຄ້າ ຫຼື ຈົດທະບຽນຫັດຖະກຳ.",
            "km": "ចាប់ផ្តើម និងដំណើរការអាជីវកម្ម៖ ចុះបញ្ជីសហគ្រាស នាំចូលទំនិញ ឬចុះបញ្ជីសិប្បកម្ម។",
        },
        "services": [
            {
                "slug": "enterprise-registration",
                "title": {
                    "en": "Enterprise registration",
                    "lo": "ການຈົດທະບຽນວິສາຫະກິດ",
                    "km": "ការចុះបញ្ជីសហគ្រាស",
                },
                "summary": {
                    "en": "Register a new enterprise so that it can do business legally in Lao "
                    "PDR. You receive an enterprise registration certificate with the "
                    "enterprise's registration number.",
                    "lo": "ຈົດທະບຽນວິສາຫະກິດໃໝ່ ເພື່ອໃຫ້ສາມາດດຳເນີນທຸລະກິດໄດ້ຢ່າງຖືກຕ້ອງ"
                    "ຕາມກົດໝາຍ ຢູ່ ສປປ ລາວ. ທ່ານຈະໄດ້ຮັບໃບທະບຽນວິສາຫະກິດ "
                    "ພ້ອມດ້ວຍເລກທະບຽນວິສາຫະກິດ.",
                    "km": "ចុះបញ្ជីសហគ្រាសថ្មី ដើម្បីអាចប្រកបអាជីវកម្មស្របច្បាប់នៅប្រទេសឡាវ។ "
                    "អ្នកនឹងទទួលបានវិញ្ញាបនបត្រចុះបញ្ជីសហគ្រាស ដែលមានលេខចុះបញ្ជីសហគ្រាស។",
                },
                "who_can_apply": {
                    "en": "Lao citizens and foreign investors who want to set up an individual "
                    "enterprise, a partnership or a company.",
                    "lo": "ພົນລະເມືອງລາວ ແລະ ນັກລົງທຶນຕ່າງປະເທດ ທີ່ຕ້ອງການສ້າງຕັ້ງ"
                    "ວິສາຫະກິດສ່ວນບຸກຄົນ, ຫ້າງຫຸ້ນສ່ວນ ຫຼື ບໍລິສັດ.",
                    "km": "ពលរដ្ឋឡាវ និងវិនិយោគិនបរទេស ដែលចង់បង្កើតសហគ្រាសឯកបុគ្គល ក្រុមហ៊ុនសហកម្មសិទ្ធិ ឬក្រុមហ៊ុន។",
                },
                "legal_basis": _LAW_ENTERPRISES_LA,
                "service_standard_days": 10,
                "currency": "LAK",
                "fee": {
                    "kind": "options",
                    "options": [
                        {
                            "label": {
                                "en": "Individual enterprise",
                                "lo": "ວິສາຫະກິດສ່ວນບຸກຄົນ",
                                "km": "សហគ្រាសឯកបុគ្គល",
                            },
                            "amount": "200000",
                        },
                        {
                            "label": {
                                "en": "Partnership or limited company",
                                "lo": "ຫ້າງຫຸ້ນສ່ວນ ຫຼື ບໍລິສັດຈຳກັດ",
                                "km": "ក្រុមហ៊ុនសហកម្មសិទ្ធិ ឬក្រុមហ៊ុនឯកជនទទួលខុសត្រូវមានកម្រិត",
                            },
                            "amount": "600000",
                        },
                        {
                            "label": {
                                "en": "Public company",
                                "lo": "ບໍລິສັດມະຫາຊົນ",
                                "km": "ក្រុមហ៊ុនមហាជន",
                            },
                            "amount": "2000000",
                        },
                    ],
                },
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Articles of association (for partnerships and companies)",
                            "lo": "ກົດລະບຽບຂອງບໍລິສັດ (ສຳລັບຫ້າງຫຸ້ນສ່ວນ ແລະ ບໍລິສັດ)",
                            "km": "លក្ខន្តិកៈក្រុមហ៊ុន (សម្រាប់ក្រុមហ៊ុនសហកម្មសិទ្ធិ និងក្រុមហ៊ុន)",
                        },
                        "original_or_copy": "original",
                        "copies": 2,
                        "mandatory": False,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Lease contract or other proof of the office address",
                            "lo": "ສັນຍາເຊົ່າ ຫຼື ເອກະສານຢັ້ງຢືນທີ່ຕັ້ງສຳນັກງານ",
                            "km": "កិច្ចសន្យាជួល ឬឯកសារបញ្ជាក់អាសយដ្ឋានការិយាល័យ",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _PHOTOS_LA,
                        "original_or_copy": "original",
                        "copies": 2,
                        "mandatory": True,
                        "accepted_types": _IMAGES,
                    },
                ],
                "offices": ["moic-odsc", "xaysetha-odsc", "luang-prabang-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["tax-registration", "official-seal-permit", "investment-licence"],
            },
            {
                "slug": "import-licence",
                "title": {
                    "en": "Import licence",
                    "lo": "ການອອກໃບອະນຸຍາດນຳເຂົ້າສິນຄ້າ",
                    "km": "ការចេញអាជ្ញាប័ណ្ណនាំចូលទំនិញ",
                },
                "summary": {
                    "en": "A licence to import goods that are on the list of goods needing an "
                    "import licence. You receive an import licence to show to customs when the "
                    "goods arrive.",
                    "lo": "ໃບອະນຸຍາດນຳເຂົ້າສິນຄ້າ ທີ່ຢູ່ໃນບັນຊີສິນຄ້າທີ່ຕ້ອງຂໍອະນຸຍາດ. "
                    "ທ່ານຈະໄດ້ຮັບໃບອະນຸຍາດນຳເຂົ້າ ເພື່ອສະແດງຕໍ່ເຈົ້າໜ້າທີ່ພາສີ "
                    "ເມື່ອສິນຄ້າມາຮອດ.",
                    "km": "អាជ្ញាប័ណ្ណសម្រាប់នាំចូលទំនិញ ដែលស្ថិតក្នុងបញ្ជីទំនិញត្រូវមានអាជ្ញាប័ណ្ណ។ "
                    "អ្នកនឹងទទួលបានអាជ្ញាប័ណ្ណនាំចូល សម្រាប់បង្ហាញមន្ត្រីគយ "
                    "នៅពេលទំនិញមកដល់។",
                },
                "who_can_apply": {
                    "en": "Registered enterprises whose business activities include importing.",
                    "lo": "ວິສາຫະກິດທີ່ໄດ້ຈົດທະບຽນແລ້ວ ແລະ ມີກິດຈະການນຳເຂົ້າ.",
                    "km": "សហគ្រាសដែលបានចុះបញ្ជីរួច និងមានសកម្មភាពនាំចូល។",
                },
                "legal_basis": {
                    "en": "Law on Customs, and rules of the Ministry of Industry and Commerce on "
                    "import and export licensing",
                    "lo": "ກົດໝາຍວ່າດ້ວຍພາສີ ແລະ ລະບຽບການຂອງກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ "
                    "ວ່າດ້ວຍການອະນຸຍາດນຳເຂົ້າ ແລະ ສົ່ງອອກ",
                    "km": "ច្បាប់ស្តីពីគយ និងបទប្បញ្ញត្តិរបស់ក្រសួងឧស្សាហកម្ម និងពាណិជ្ជកម្ម ស្តីពីអាជ្ញាប័ណ្ណនាំចូល និងនាំចេញ",
                },
                "service_standard_days": 5,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "300000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ENTERPRISE_CERTIFICATE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _TAX_CERTIFICATE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Pro forma invoice or purchase contract",
                            "lo": "ໃບສະເໜີລາຄາ ຫຼື ສັນຍາຊື້-ຂາຍ",
                            "km": "វិក្កយបត្របឋម ឬកិច្ចសន្យាទិញលក់",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                ],
                "offices": ["moic-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["enterprise-registration", "tax-registration"],
            },
            {
                "slug": "handicraft-registration",
                "title": {
                    "en": "Registration of a handicraft business",
                    "lo": "ການຈົດທະບຽນທຸລະກິດຫັດຖະກຳ",
                    "km": "ការចុះបញ្ជីសិប្បកម្ម",
                },
                "summary": {
                    "en": "Register a small workshop that makes goods by hand or with small "
                    "machines, such as weaving, food processing or furniture. You receive a "
                    "handicraft registration certificate.",
                    "lo": "ຈົດທະບຽນໂຮງງານຂະໜາດນ້ອຍ ທີ່ຜະລິດສິນຄ້າດ້ວຍມື ຫຼື ດ້ວຍເຄື່ອງຈັກ"
                    "ຂະໜາດນ້ອຍ ເຊັ່ນ: ການຕ່ຳແຜ່ນ, ການປຸງແຕ່ງອາຫານ ຫຼື ເຄື່ອງເຟີນີເຈີ. "
                    "ທ່ານຈະໄດ້ຮັບໃບຢັ້ງຢືນການຈົດທະບຽນຫັດຖະກຳ.",
                    "km": "ចុះបញ្ជីរោងជាងខ្នាតតូច ដែលផលិតទំនិញដោយដៃ ឬដោយម៉ាស៊ីនតូចៗ ដូចជា "
                    "តម្បាញ កែច្នៃចំណីអាហារ ឬគ្រឿងសង្ហារិម។ "
                    "អ្នកនឹងទទួលបានវិញ្ញាបនបត្រចុះបញ្ជីសិប្បកម្ម។",
                },
                "who_can_apply": {
                    "en": "Owners of handicraft workshops located in the municipality or district.",
                    "lo": "ເຈົ້າຂອງໂຮງງານຫັດຖະກຳ ທີ່ຕັ້ງຢູ່ໃນເມືອງ.",
                    "km": "ម្ចាស់សិប្បកម្ម ដែលមានទីតាំងនៅក្នុងក្រុង ឬស្រុក។",
                },
                "legal_basis": {
                    "en": "Law on the Management of Factories and Handicrafts (2019)",
                    "lo": "ກົດໝາຍວ່າດ້ວຍການຄຸ້ມຄອງໂຮງງານ ແລະ ຫັດຖະກຳ (2019)",
                    "km": "ច្បាប់ស្តីពីការគ្រប់គ្រងរោងចក្រ និងសិប្បកម្ម (ឆ្នាំ២០១៩)",
                },
                "service_standard_days": 15,
                "currency": "KHR",
                "fee": {"kind": "fixed", "amount": "200000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _PHOTOS_KH,
                        "original_or_copy": "original",
                        "copies": 2,
                        "mandatory": True,
                        "accepted_types": _IMAGES,
                    },
                    {
                        "name": {
                            "en": "Site plan of the workshop",
                            "lo": "ແຜນຜັງທີ່ຕັ້ງໂຮງງານ",
                            "km": "ប្លង់ទីតាំងរោងជាង",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["daun-penh-owso", "siem-reap-owso", "battambang-owso"],
                "channels": "both",
                "online_form": True,
                "related": ["patent-tax-certificate", "internal-work-rules"],
            },
        ],
    },
    # Tax ----------------------------------------------------------------------------------------
    {
        "slug": "tax",
        "title": {
            "en": "Tax",
            "lo": "ອາກອນ",
            "km": "ពន្ធដារ",
        },
        "intro": {
            "en": "Register for tax, get a tax clearance certificate and pay the yearly patent "
            "tax.",
            "lo": "ຈົດທະບຽນອາກອນ, ຂໍໃບຢັ້ງຢືນການເສຍອາກອນ ແລະ ເສຍອາກອນປາຕັງປະຈຳປີ.",
            "km": "ចុះបញ្ជីពន្ធដារ ស្នើសុំលិខិតបញ្ជាក់ការបំពេញកាតព្វកិច្ចពន្ធ និងបង់ពន្ធប៉ាតង់ប្រចាំឆ្នាំ។",
        },
        "services": [
            {
                "slug": "tax-registration",
                "title": {
                    "en": "Tax registration (taxpayer identification number)",
                    "lo": "ການຈົດທະບຽນອາກອນ (ເລກປະຈຳຕົວຜູ້ເສຍອາກອນ)",
                    "km": "ការចុះបញ្ជីពន្ធដារ (លេខអត្តសញ្ញាណកម្មសារពើពន្ធ)",
                },
                "summary": {
                    "en": "Register your enterprise or business with the tax office. You receive "
                    "a taxpayer identification number (TIN) and a tax registration certificate.",
                    "lo": "ຈົດທະບຽນວິສາຫະກິດ ຫຼື ທຸລະກິດຂອງທ່ານ ນຳຫ້ອງການສ່ວຍສາອາກອນ. "
                    "ທ່ານຈະໄດ້ຮັບເລກປະຈຳຕົວຜູ້ເສຍອາກອນ ແລະ ໃບທະບຽນອາກອນ.",
                    "km": "ចុះបញ្ជីសហគ្រាស ឬអាជីវកម្មរបស់អ្នកជាមួយការិយាល័យពន្ធដារ។ "
                    "អ្នកនឹងទទួលបានលេខអត្តសញ្ញាណកម្មសារពើពន្ធ "
                    "និងវិញ្ញាបនបត្រចុះបញ្ជីពន្ធដារ។",
                },
                "who_can_apply": {
                    "en": "Enterprises and individual traders that already have an enterprise "
                    "registration certificate.",
                    "lo": "ວິສາຫະກິດ ແລະ ຜູ້ປະກອບການສ່ວນບຸກຄົນ ທີ່ມີໃບທະບຽນວິສາຫະກິດແລ້ວ.",
                    "km": "សហគ្រាស និងអ្នករកស៊ីឯកបុគ្គល ដែលមានវិញ្ញាបនបត្រចុះបញ្ជីសហគ្រាសរួចហើយ។",
                },
                "legal_basis": _LAW_TAX_LA,
                "service_standard_days": 3,
                "currency": "LAK",
                "fee": {"kind": "free"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ENTERPRISE_CERTIFICATE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Map of the business location",
                            "lo": "ແຜນທີ່ສະຖານທີ່ຕັ້ງທຸລະກິດ",
                            "km": "ផែនទីទីតាំងអាជីវកម្ម",
                        },
                        "original_or_copy": "either",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["xaysetha-odsc", "luang-prabang-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["enterprise-registration", "tax-clearance-certificate"],
            },
            {
                "slug": "tax-clearance-certificate",
                "title": {
                    "en": "Tax clearance certificate",
                    "lo": "ໃບຢັ້ງຢືນການເສຍອາກອນ",
                    "km": "លិខិតបញ្ជាក់ការបំពេញកាតព្វកិច្ចពន្ធ",
                },
                "summary": {
                    "en": "A certificate that your enterprise has declared and paid its taxes. "
                    "It is often needed for public tenders, licence renewals and bank loans.",
                    "lo": "ໃບຢັ້ງຢືນວ່າວິສາຫະກິດຂອງທ່ານໄດ້ແຈ້ງ ແລະ ເສຍອາກອນຄົບຖ້ວນແລ້ວ. "
                    "ມັກຈະຕ້ອງໃຊ້ໃນການປະມູນ, ການຕໍ່ອາຍຸໃບອະນຸຍາດ "
                    "ແລະ ການກູ້ຢືມເງິນຈາກທະນາຄານ.",
                    "km": "លិខិតបញ្ជាក់ថា សហគ្រាសរបស់អ្នកបានប្រកាស និងបង់ពន្ធគ្រប់ចំនួន។ "
                    "ជាញឹកញាប់ លិខិតនេះត្រូវការសម្រាប់ការដេញថ្លៃ "
                    "ការបន្តសុពលភាពអាជ្ញាប័ណ្ណ និងការខ្ចីប្រាក់ពីធនាគារ។",
                },
                "who_can_apply": {
                    "en": "Registered taxpayers with no unpaid tax.",
                    "lo": "ຜູ້ເສຍອາກອນທີ່ໄດ້ຈົດທະບຽນແລ້ວ ແລະ ບໍ່ມີອາກອນຄ້າງຈ່າຍ.",
                    "km": "អ្នកជាប់ពន្ធដែលបានចុះបញ្ជី និងមិនមានពន្ធជំពាក់។",
                },
                "legal_basis": _LAW_TAX_LA,
                "service_standard_days": 5,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "100000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _TAX_CERTIFICATE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Tax payment receipts for the last 12 months",
                            "lo": "ໃບຮັບເງິນເສຍອາກອນ ໃນ 12 ເດືອນຜ່ານມາ",
                            "km": "បង្កាន់ដៃបង់ពន្ធ ក្នុងរយៈពេល ១២ ខែចុងក្រោយ",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["xaysetha-odsc", "luang-prabang-odsc"],
                "channels": "online",
                "online_form": True,
                "related": ["tax-registration"],
            },
            {
                "slug": "patent-tax-certificate",
                "title": {
                    "en": "Patent tax certificate",
                    "lo": "ໃບຢັ້ງຢືນການເສຍອາກອນປາຕັງ",
                    "km": "វិញ្ញាបនបត្រពន្ធប៉ាតង់",
                },
                "summary": {
                    "en": "Pay the yearly patent tax for your business and receive the patent "
                    "tax certificate, which must be displayed at your place of business.",
                    "lo": "ເສຍອາກອນປາຕັງປະຈຳປີ ສຳລັບທຸລະກິດຂອງທ່ານ ແລະ ຮັບໃບຢັ້ງຢືນ "
                    "ເຊິ່ງຕ້ອງຕິດໄວ້ຢູ່ສະຖານທີ່ດຳເນີນທຸລະກິດ.",
                    "km": "បង់ពន្ធប៉ាតង់ប្រចាំឆ្នាំសម្រាប់អាជីវកម្មរបស់អ្នក "
                    "ហើយទទួលបានវិញ្ញាបនបត្រពន្ធប៉ាតង់ ដែលត្រូវបិទនៅទីតាំងអាជីវកម្ម។",
                },
                "who_can_apply": {
                    "en": "Businesses registered with the tax department, every year before "
                    "31 March.",
                    "lo": "ທຸລະກິດທີ່ໄດ້ຈົດທະບຽນອາກອນແລ້ວ, ທຸກໆປີ ກ່ອນວັນທີ 31 ມີນາ.",
                    "km": "អាជីវកម្មដែលបានចុះបញ្ជីពន្ធដារ ជារៀងរាល់ឆ្នាំ មុនថ្ងៃទី៣១ ខែមីនា។",
                },
                "legal_basis": {
                    "en": "Law on Taxation (1997, as amended)",
                    "lo": "ກົດໝາຍວ່າດ້ວຍການເກັບອາກອນ (1997, ສະບັບປັບປຸງ)",
                    "km": "ច្បាប់ស្តីពីសារពើពន្ធ (ឆ្នាំ១៩៩៧ និងវិសោធនកម្ម)",
                },
                "service_standard_days": 3,
                "currency": "KHR",
                "fee": {
                    "kind": "options",
                    "options": [
                        {
                            "label": {
                                "en": "Small taxpayer",
                                "lo": "ຜູ້ເສຍອາກອນຂະໜາດນ້ອຍ",
                                "km": "អ្នកជាប់ពន្ធតូច",
                            },
                            "amount": "400000",
                        },
                        {
                            "label": {
                                "en": "Medium taxpayer",
                                "lo": "ຜູ້ເສຍອາກອນຂະໜາດກາງ",
                                "km": "អ្នកជាប់ពន្ធមធ្យម",
                            },
                            "amount": "1200000",
                        },
                    ],
                },
                "documents": [
                    {
                        "name": _TAX_CERTIFICATE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Last year's patent tax certificate",
                            "lo": "ໃບຢັ້ງຢືນການເສຍອາກອນປາຕັງ ຂອງປີກາຍ",
                            "km": "វិញ្ញាបនបត្រពន្ធប៉ាតង់ឆ្នាំមុន",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["daun-penh-owso", "siem-reap-owso", "battambang-owso"],
                "channels": "both",
                "online_form": True,
                "related": ["handicraft-registration", "tourism-business-licence"],
            },
        ],
    },
    # Investment ---------------------------------------------------------------------------------
    {
        "slug": "investment",
        "title": {
            "en": "Investment",
            "lo": "ການລົງທຶນ",
            "km": "វិនិយោគ",
        },
        "intro": {
            "en": "Licences for domestic and foreign investment projects.",
            "lo": "ການອອກອະນຸຍາດການລົງທຶນ ພາຍໃນ ແລະ ຕ່າງປະເທດ.",
            "km": "អាជ្ញាប័ណ្ណសម្រាប់គម្រោងវិនិយោគក្នុងស្រុក និងបរទេស។",
        },
        "services": [
            {
                "slug": "investment-licence",
                "title": {
                    "en": "Investment licence",
                    "lo": "ການອອກອະນຸຍາດການລົງທຶນ",
                    "km": "ការចេញអាជ្ញាប័ណ្ណវិនិយោគ",
                },
                "summary": {
                    "en": "A licence for a domestic or foreign investment in a business on the "
                    "controlled business list. You receive an investment licence that states the "
                    "activities, the capital and the duration of the investment.",
                    "lo": "ໃບອະນຸຍາດສຳລັບການລົງທຶນພາຍໃນ ຫຼື ຕ່າງປະເທດ "
                    "ໃນກິດຈະການທີ່ຢູ່ໃນບັນຊີທຸລະກິດຄວບຄຸມ. ທ່ານຈະໄດ້ຮັບໃບອະນຸຍາດລົງທຶນ "
                    "ທີ່ລະບຸກິດຈະການ, ທຶນ ແລະ ອາຍຸການລົງທຶນ.",
                    "km": "អាជ្ញាប័ណ្ណសម្រាប់ការវិនិយោគក្នុងស្រុក ឬបរទេស "
                    "លើអាជីវកម្មដែលស្ថិតក្នុងបញ្ជីអាជីវកម្មត្រូវត្រួតពិនិត្យ។ "
                    "អ្នកនឹងទទួលបានអាជ្ញាប័ណ្ណវិនិយោគ ដែលបញ្ជាក់អំពីសកម្មភាព ដើមទុន "
                    "និងរយៈពេលនៃការវិនិយោគ។",
                },
                "who_can_apply": {
                    "en": "Lao and foreign individuals or companies planning an investment in "
                    "Lao PDR.",
                    "lo": "ບຸກຄົນ ຫຼື ນິຕິບຸກຄົນ ລາວ ແລະ ຕ່າງປະເທດ ທີ່ມີແຜນລົງທຶນຢູ່ ສປປ ລາວ.",
                    "km": "រូបវន្តបុគ្គល ឬនីតិបុគ្គលឡាវ និងបរទេស ដែលមានគម្រោងវិនិយោគនៅប្រទេសឡាវ។",
                },
                "legal_basis": _LAW_INVESTMENT_LA,
                "service_standard_days": 25,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "1500000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Business plan and feasibility study",
                            "lo": "ແຜນທຸລະກິດ ແລະ ບົດສຶກສາຄວາມເປັນໄປໄດ້",
                            "km": "ផែនការអាជីវកម្ម និងការសិក្សាលទ្ធភាព",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Bank letter showing the investor's financial capacity",
                            "lo": "ໜັງສືຢັ້ງຢືນຖານະການເງິນຂອງນັກລົງທຶນ ຈາກທະນາຄານ",
                            "km": "លិខិតពីធនាគារ បញ្ជាក់ពីលទ្ធភាពហិរញ្ញវត្ថុរបស់វិនិយោគិន",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Registration documents of the foreign investor's company",
                            "lo": "ເອກະສານຈົດທະບຽນບໍລິສັດຂອງນັກລົງທຶນຕ່າງປະເທດ",
                            "km": "ឯកសារចុះបញ្ជីក្រុមហ៊ុនរបស់វិនិយោគិនបរទេស",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": ["pdf"],
                    },
                ],
                "offices": ["mpi-osc"],
                "channels": "both",
                "online_form": True,
                "related": [
                    "enterprise-registration",
                    "investment-licence-amendment",
                    "import-licence",
                ],
            },
            {
                "slug": "investment-licence-amendment",
                "title": {
                    "en": "Change to an investment licence",
                    "lo": "ການປ່ຽນແປງເນື້ອໃນໃບອະນຸຍາດການລົງທຶນ",
                    "km": "ការកែប្រែខ្លឹមសារអាជ្ញាប័ណ្ណវិនិយោគ",
                },
                "summary": {
                    "en": "Change the details of an existing investment licence, such as the "
                    "capital, the activities, the address or the shareholders. You receive an "
                    "amended licence.",
                    "lo": "ປ່ຽນແປງລາຍລະອຽດຂອງໃບອະນຸຍາດການລົງທຶນທີ່ມີຢູ່ ເຊັ່ນ: ທຶນ, "
                    "ກິດຈະການ, ທີ່ຕັ້ງ ຫຼື ຜູ້ຖືຮຸ້ນ. ທ່ານຈະໄດ້ຮັບໃບອະນຸຍາດສະບັບປັບປຸງ.",
                    "km": "កែប្រែព័ត៌មាននៃអាជ្ញាប័ណ្ណវិនិយោគដែលមានស្រាប់ ដូចជា ដើមទុន "
                    "សកម្មភាព អាសយដ្ឋាន ឬម្ចាស់ភាគហ៊ុន។ "
                    "អ្នកនឹងទទួលបានអាជ្ញាប័ណ្ណដែលបានកែប្រែ។",
                },
                "who_can_apply": {
                    "en": "Holders of a valid investment licence.",
                    "lo": "ຜູ້ທີ່ມີໃບອະນຸຍາດການລົງທຶນ ທີ່ຍັງມີຜົນສັກສິດ.",
                    "km": "ម្ចាស់អាជ្ញាប័ណ្ណវិនិយោគ ដែលនៅមានសុពលភាព។",
                },
                "legal_basis": _LAW_INVESTMENT_LA,
                "service_standard_days": 15,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "500000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Current investment licence",
                            "lo": "ໃບອະນຸຍາດການລົງທຶນ ສະບັບປັດຈຸບັນ",
                            "km": "អាជ្ញាប័ណ្ណវិនិយោគបច្ចុប្បន្ន",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Shareholders' resolution approving the change",
                            "lo": "ມະຕິກອງປະຊຸມຜູ້ຖືຮຸ້ນ ທີ່ຕົກລົງປ່ຽນແປງ",
                            "km": "សេចក្តីសម្រេចរបស់ម្ចាស់ភាគហ៊ុន ដែលយល់ព្រមលើការកែប្រែ",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                ],
                "offices": ["mpi-osc"],
                "channels": "both",
                "online_form": True,
                "related": ["investment-licence"],
            },
        ],
    },
    # Tourism ------------------------------------------------------------------------------------
    {
        "slug": "tourism",
        "title": {
            "en": "Tourism",
            "lo": "ການທ່ອງທ່ຽວ",
            "km": "ទេសចរណ៍",
        },
        "intro": {
            "en": "Licences for guesthouses, restaurants and other tourism businesses.",
            "lo": "ໃບອະນຸຍາດສຳລັບເຮືອນພັກ, ຮ້ານອາຫານ ແລະ ທຸລະກິດທ່ອງທ່ຽວອື່ນໆ.",
            "km": "អាជ្ញាប័ណ្ណសម្រាប់ផ្ទះសំណាក់ ភោជនីយដ្ឋាន និងអាជីវកម្មទេសចរណ៍ផ្សេងៗ។",
        },
        "services": [
            {
                "slug": "guesthouse-restaurant-licence",
                "title": {
                    "en": "Business licence for a guesthouse or restaurant",
                    "lo": "ໃບອະນຸຍາດດຳເນີນທຸລະກິດເຮືອນພັກ ຫຼື ຮ້ານອາຫານ",
                    "km": "អាជ្ញាប័ណ្ណប្រកបអាជីវកម្មផ្ទះសំណាក់ ឬភោជនីយដ្ឋាន",
                },
                "summary": {
                    "en": "A licence to open and run a guesthouse or a restaurant. Officers "
                    "check the premises for safety and hygiene before the licence is issued.",
                    "lo": "ໃບອະນຸຍາດເປີດ ແລະ ດຳເນີນທຸລະກິດເຮືອນພັກ ຫຼື ຮ້ານອາຫານ. "
                    "ພະນັກງານຈະກວດກາສະຖານທີ່ດ້ານຄວາມປອດໄພ ແລະ ອະນາໄມ ກ່ອນອອກໃບອະນຸຍາດ.",
                    "km": "អាជ្ញាប័ណ្ណសម្រាប់បើក និងដំណើរការផ្ទះសំណាក់ ឬភោជនីយដ្ឋាន។ "
                    "មន្ត្រីនឹងពិនិត្យទីតាំងលើផ្នែកសុវត្ថិភាព និងអនាម័យ "
                    "មុនពេលចេញអាជ្ញាប័ណ្ណ។",
                },
                "who_can_apply": {
                    "en": "Owners of a guesthouse with up to 15 rooms or of a restaurant, who "
                    "have registered their enterprise.",
                    "lo": "ເຈົ້າຂອງເຮືອນພັກທີ່ມີບໍ່ເກີນ 15 ຫ້ອງ ຫຼື ເຈົ້າຂອງຮ້ານອາຫານ ທີ່ໄດ້ຈົດທະບຽນວິສາຫະກິດແລ້ວ.",
                    "km": "ម្ចាស់ផ្ទះសំណាក់ដែលមានបន្ទប់មិនលើសពី ១៥ ឬម្ចាស់ភោជនីយដ្ឋាន ដែលបានចុះបញ្ជីសហគ្រាសរួចហើយ។",
                },
                "legal_basis": {
                    "en": "Law on Tourism (2013)",
                    "lo": "ກົດໝາຍວ່າດ້ວຍການທ່ອງທ່ຽວ (2013)",
                    "km": "ច្បាប់ស្តីពីទេសចរណ៍ (ឆ្នាំ២០១៣)",
                },
                "service_standard_days": 15,
                "currency": "LAK",
                "fee": {
                    "kind": "options",
                    "options": [
                        {
                            "label": {
                                "en": "Guesthouse (up to 15 rooms)",
                                "lo": "ເຮືອນພັກ (ບໍ່ເກີນ 15 ຫ້ອງ)",
                                "km": "ផ្ទះសំណាក់ (មិនលើសពី ១៥ បន្ទប់)",
                            },
                            "amount": "800000",
                        },
                        {
                            "label": {
                                "en": "Restaurant",
                                "lo": "ຮ້ານອາຫານ",
                                "km": "ភោជនីយដ្ឋាន",
                            },
                            "amount": "500000",
                        },
                    ],
                },
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ENTERPRISE_CERTIFICATE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Floor plan and photos of the premises",
                            "lo": "ແຜນຜັງ ແລະ ຮູບຖ່າຍສະຖານທີ່",
                            "km": "ប្លង់ និងរូបថតទីតាំង",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Fire safety certificate",
                            "lo": "ໃບຢັ້ງຢືນຄວາມປອດໄພດ້ານອັກຄີໄພ",
                            "km": "លិខិតបញ្ជាក់សុវត្ថិភាពអគ្គិភ័យ",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["luang-prabang-odsc", "xaysetha-odsc"],
                "channels": "both",
                "online_form": True,
                "related": [
                    "enterprise-registration",
                    "tax-registration",
                    "environmental-certificate",
                ],
            },
            {
                "slug": "tourism-business-licence",
                "title": {
                    "en": "Tourism business licence (guesthouse or restaurant)",
                    "lo": "ໃບອະນຸຍາດທຸລະກິດທ່ອງທ່ຽວ (ເຮືອນພັກ ຫຼື ຮ້ານອາຫານ)",
                    "km": "អាជ្ញាប័ណ្ណអាជីវកម្មទេសចរណ៍ (ផ្ទះសំណាក់ ឬភោជនីយដ្ឋាន)",
                },
                "summary": {
                    "en": "A licence to run a guesthouse or a restaurant that serves tourists. "
                    "You receive a tourism licence to display at the entrance.",
                    "lo": "ໃບອະນຸຍາດດຳເນີນທຸລະກິດເຮືອນພັກ ຫຼື ຮ້ານອາຫານ "
                    "ທີ່ໃຫ້ບໍລິການນັກທ່ອງທ່ຽວ. ທ່ານຈະໄດ້ຮັບໃບອະນຸຍາດທຸລະກິດທ່ອງທ່ຽວ "
                    "ເພື່ອຕິດໄວ້ທີ່ທາງເຂົ້າ.",
                    "km": "អាជ្ញាប័ណ្ណសម្រាប់ដំណើរការផ្ទះសំណាក់ ឬភោជនីយដ្ឋាន "
                    "ដែលផ្តល់សេវាដល់ភ្ញៀវទេសចរ។ អ្នកនឹងទទួលបានអាជ្ញាប័ណ្ណទេសចរណ៍ "
                    "សម្រាប់បិទនៅច្រកចូល។",
                },
                "who_can_apply": {
                    "en": "Owners of a guesthouse or restaurant in the municipality.",
                    "lo": "ເຈົ້າຂອງເຮືອນພັກ ຫຼື ຮ້ານອາຫານ ໃນເມືອງ.",
                    "km": "ម្ចាស់ផ្ទះសំណាក់ ឬភោជនីយដ្ឋាន នៅក្នុងក្រុង។",
                },
                "legal_basis": {
                    "en": "Law on Tourism (2009)",
                    "lo": "ກົດໝາຍວ່າດ້ວຍການທ່ອງທ່ຽວ (2009)",
                    "km": "ច្បាប់ស្តីពីទេសចរណ៍ (ឆ្នាំ២០០៩)",
                },
                "service_standard_days": 20,
                "currency": "USD",
                "fee": {
                    "kind": "options",
                    "options": [
                        {
                            "label": {
                                "en": "Guesthouse",
                                "lo": "ເຮືອນພັກ",
                                "km": "ផ្ទះសំណាក់",
                            },
                            "amount": "120.00",
                        },
                        {
                            "label": {
                                "en": "Restaurant",
                                "lo": "ຮ້ານອາຫານ",
                                "km": "ភោជនីយដ្ឋាន",
                            },
                            "amount": "80.00",
                        },
                    ],
                },
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _PHOTOS_KH,
                        "original_or_copy": "original",
                        "copies": 2,
                        "mandatory": True,
                        "accepted_types": _IMAGES,
                    },
                    {
                        "name": {
                            "en": "Proof of ownership or lease of the premises",
                            "lo": "ເອກະສານຢັ້ງຢືນກຳມະສິດ ຫຼື ສັນຍາເຊົ່າສະຖານທີ່",
                            "km": "ឯកសារបញ្ជាក់កម្មសិទ្ធិ ឬកិច្ចសន្យាជួលទីតាំង",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Patent tax certificate",
                            "lo": "ໃບຢັ້ງຢືນການເສຍອາກອນປາຕັງ",
                            "km": "វិញ្ញាបនបត្រពន្ធប៉ាតង់",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["siem-reap-owso", "battambang-owso"],
                "channels": "both",
                "online_form": True,
                "related": [
                    "patent-tax-certificate",
                    "internal-work-rules",
                    "passenger-transport-permit",
                ],
            },
        ],
    },
    # Construction and land ----------------------------------------------------------------------
    {
        "slug": "construction",
        "title": {
            "en": "Construction and land",
            "lo": "ການປຸກສ້າງ ແລະ ທີ່ດິນ",
            "km": "សំណង់ និងដីធ្លី",
        },
        "intro": {
            "en": "Permits to build, and services for land and buildings.",
            "lo": "ການອະນຸຍາດປຸກສ້າງ ແລະ ການບໍລິການກ່ຽວກັບທີ່ດິນ ແລະ ອາຄານ.",
            "km": "លិខិតអនុញ្ញាតសាងសង់ និងសេវាទាក់ទងនឹងដីធ្លី និងអគារ។",
        },
        "services": [
            {
                "slug": "construction-permit",
                "title": {
                    "en": "Construction permit",
                    "lo": "ການອອກໃບອະນຸຍາດປຸກສ້າງ",
                    "km": "ការចេញលិខិតអនុញ្ញាតសាងសង់",
                },
                "summary": {
                    "en": "Permission to build, extend or carry out major repairs on a building. "
                    "You receive a construction permit, which must be kept on the building site.",
                    "lo": "ການອະນຸຍາດໃຫ້ກໍ່ສ້າງ, ຕໍ່ເຕີມ ຫຼື ສ້ອມແປງໃຫຍ່ອາຄານ. "
                    "ທ່ານຈະໄດ້ຮັບໃບອະນຸຍາດປຸກສ້າງ ເຊິ່ງຕ້ອງເກັບໄວ້ຢູ່ສະຖານທີ່ກໍ່ສ້າງ.",
                    "km": "ការអនុញ្ញាតឱ្យសាងសង់ ពង្រីក ឬជួសជុលធំលើអគារ។ "
                    "អ្នកនឹងទទួលបានលិខិតអនុញ្ញាតសាងសង់ ដែលត្រូវរក្សាទុកនៅការដ្ឋាន។",
                },
                "who_can_apply": {
                    "en": "Owners of the land, or people with the owner's written permission.",
                    "lo": "ເຈົ້າຂອງທີ່ດິນ ຫຼື ຜູ້ທີ່ໄດ້ຮັບອະນຸຍາດເປັນລາຍລັກອັກສອນຈາກເຈົ້າຂອງທີ່ດິນ.",
                    "km": "ម្ចាស់ដី ឬអ្នកដែលមានការអនុញ្ញាតជាលាយលក្ខណ៍អក្សរពីម្ចាស់ដី។",
                },
                "legal_basis": {
                    "en": "Law on Construction, and instructions of the Ministry of Public Works "
                    "and Transport on construction permits",
                    "lo": "ກົດໝາຍວ່າດ້ວຍການກໍ່ສ້າງ ແລະ ຄຳແນະນຳຂອງກະຊວງໂຍທາທິການ ແລະ ຂົນສົ່ງ "
                    "ວ່າດ້ວຍການອະນຸຍາດປຸກສ້າງ",
                    "km": "ច្បាប់ស្តីពីសំណង់ និងសេចក្តីណែនាំរបស់ក្រសួងសាធារណការ និងដឹកជញ្ជូន ស្តីពីលិខិតអនុញ្ញាតសាងសង់",
                },
                "service_standard_days": 20,
                "currency": "LAK",
                "fee": {
                    "kind": "options",
                    "options": [
                        {
                            "label": {
                                "en": "House of up to two floors",
                                "lo": "ເຮືອນຢູ່ອາໄສ ບໍ່ເກີນ 2 ຊັ້ນ",
                                "km": "ផ្ទះស្នាក់នៅ មិនលើសពី ២ ជាន់",
                            },
                            "amount": "300000",
                        },
                        {
                            "label": {
                                "en": "Commercial or multi-storey building",
                                "lo": "ອາຄານການຄ້າ ຫຼື ອາຄານຫຼາຍຊັ້ນ",
                                "km": "អគារពាណិជ្ជកម្ម ឬអគារច្រើនជាន់",
                            },
                            "amount": "1500000",
                        },
                    ],
                },
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _LAND_TITLE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Building drawings signed by a licensed designer",
                            "lo": "ແບບແຕ້ມອາຄານ ທີ່ລົງລາຍເຊັນໂດຍຜູ້ອອກແບບທີ່ມີໃບອະນຸຍາດ",
                            "km": "ប្លង់អគារ ដែលចុះហត្ថលេខាដោយអ្នករចនាដែលមានអាជ្ញាប័ណ្ណ",
                        },
                        "original_or_copy": "original",
                        "copies": 3,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _FAMILY_BOOK,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["xaysetha-odsc", "luang-prabang-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["environmental-certificate"],
            },
            {
                "slug": "small-building-construction-permit",
                "title": {
                    "en": "Construction permit for a building under 500 square metres",
                    "lo": "ການອອກໃບອະນຸຍາດປຸກສ້າງ ສຳລັບອາຄານທີ່ມີເນື້ອທີ່ໜ້ອຍກວ່າ 500 ຕາແມັດ",
                    "km": "ការចេញលិខិតអនុញ្ញាតសាងសង់ សម្រាប់អគារដែលមានផ្ទៃក្រឡាតិចជាង ៥០០ ម៉ែត្រការ៉េ",
                },
                "summary": {
                    "en": "Permission to build or extend a house or a small building. Officers "
                    "check the drawings and visit the site. You receive a construction permit and "
                    "a sign to put up on the site.",
                    "lo": "ການອະນຸຍາດໃຫ້ກໍ່ສ້າງ ຫຼື ຕໍ່ເຕີມເຮືອນ ຫຼື ອາຄານຂະໜາດນ້ອຍ. "
                    "ພະນັກງານຈະກວດແບບແຕ້ມ ແລະ ລົງກວດສະຖານທີ່. "
                    "ທ່ານຈະໄດ້ຮັບໃບອະນຸຍາດປຸກສ້າງ ແລະ ປ້າຍ ເພື່ອຕິດໄວ້ຢູ່ສະຖານທີ່ກໍ່ສ້າງ.",
                    "km": "ការអនុញ្ញាតឱ្យសាងសង់ ឬពង្រីកផ្ទះ ឬអគារខ្នាតតូច។ "
                    "មន្ត្រីនឹងពិនិត្យប្លង់ និងចុះពិនិត្យទីតាំង។ "
                    "អ្នកនឹងទទួលបានលិខិតអនុញ្ញាតសាងសង់ និងផ្លាកសញ្ញា "
                    "សម្រាប់ដាក់នៅការដ្ឋាន។",
                },
                "who_can_apply": {
                    "en": "Owners of registered land in the municipality or khan.",
                    "lo": "ເຈົ້າຂອງທີ່ດິນທີ່ໄດ້ຈົດທະບຽນແລ້ວ ໃນເມືອງ ຫຼື ເຂດ.",
                    "km": "ម្ចាស់ដីដែលបានចុះបញ្ជី នៅក្នុងក្រុង ឬខណ្ឌ។",
                },
                "legal_basis": {
                    "en": "Law on Construction (2019)",
                    "lo": "ກົດໝາຍວ່າດ້ວຍການກໍ່ສ້າງ (2019)",
                    "km": "ច្បាប់ស្តីពីសំណង់ (ឆ្នាំ២០១៩)",
                },
                "service_standard_days": 30,
                "currency": "USD",
                "fee": {"kind": "fixed", "amount": "150.00"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _LAND_TITLE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Architectural drawings (plans, sections and elevations)",
                            "lo": "ແບບແຕ້ມສະຖາປັດຕະຍະກຳ (ແຜນຜັງ, ພາກຕັດ ແລະ ດ້ານໜ້າ)",
                            "km": "ប្លង់ស្ថាបត្យកម្ម (ប្លង់ផ្តេក ប្លង់កាត់ និងប្លង់មុខ)",
                        },
                        "original_or_copy": "original",
                        "copies": 3,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Photos of the site",
                            "lo": "ຮູບຖ່າຍສະຖານທີ່",
                            "km": "រូបថតទីតាំង",
                        },
                        "original_or_copy": "either",
                        "copies": 2,
                        "mandatory": False,
                        "accepted_types": _IMAGES,
                    },
                ],
                "offices": ["daun-penh-owso", "siem-reap-owso", "battambang-owso"],
                "channels": "both",
                "online_form": True,
                "related": ["unregistered-property-transfer"],
            },
            {
                "slug": "unregistered-property-transfer",
                "title": {
                    "en": "Transfer of possession of unregistered immovable property",
                    "lo": "ການໂອນສິດຄອບຄອງອະສັງຫາລິມະຊັບ ທີ່ຍັງບໍ່ທັນໄດ້ຈົດທະບຽນ",
                    "km": "ការផ្ទេរសិទ្ធិកាន់កាប់អចលនទ្រព្យដែលមិនទាន់ចុះបញ្ជី",
                },
                "summary": {
                    "en": "Record the sale, gift or inheritance of land or a house that does not "
                    "yet have a land title. You receive a certified transfer letter that protects "
                    "the new possessor until the land is registered.",
                    "lo": "ບັນທຶກການຊື້-ຂາຍ, ການມອບໃຫ້ ຫຼື ການສືບທອດມໍລະດົກ ທີ່ດິນ ຫຼື ເຮືອນ "
                    "ທີ່ຍັງບໍ່ມີໃບຕາດິນ. ທ່ານຈະໄດ້ຮັບໜັງສືຢັ້ງຢືນການໂອນ "
                    "ທີ່ປົກປ້ອງສິດຂອງຜູ້ຄອບຄອງໃໝ່ ຈົນກວ່າທີ່ດິນຈະໄດ້ຈົດທະບຽນ.",
                    "km": "កត់ត្រាការលក់ ការផ្តល់ជាអំណោយ ឬការបន្តមរតក ដី ឬផ្ទះ "
                    "ដែលមិនទាន់មានប័ណ្ណកម្មសិទ្ធិ។ អ្នកនឹងទទួលបានលិខិតផ្ទេរសិទ្ធិដែលមានការបញ្ជាក់ "
                    "ដែលការពារសិទ្ធិរបស់អ្នកកាន់កាប់ថ្មី រហូតដល់ដីត្រូវបានចុះបញ្ជី។",
                },
                "who_can_apply": {
                    "en": "The current and the new possessor together, with the confirmation of "
                    "the village chief and the commune or sangkat chief.",
                    "lo": "ຜູ້ຄອບຄອງເດີມ ແລະ ຜູ້ຄອບຄອງໃໝ່ ພ້ອມກັນ, ໂດຍມີການຢັ້ງຢືນຂອງນາຍບ້ານ ແລະ ຫົວໜ້າຕາແສງ.",
                    "km": "អ្នកកាន់កាប់បច្ចុប្បន្ន និងអ្នកកាន់កាប់ថ្មី រួមគ្នា "
                    "ដោយមានការបញ្ជាក់ពីមេភូមិ និងមេឃុំ ឬចៅសង្កាត់។",
                },
                "legal_basis": {
                    "en": "Land Law (2001), and the Ministry of Interior guideline on "
                    "administrative services at the One Window Service Office (2022)",
                    "lo": "ກົດໝາຍທີ່ດິນ (2001) ແລະ ຄຳແນະນຳຂອງກະຊວງມະຫາດໄທ "
                    "ວ່າດ້ວຍການບໍລິການດ້ານການບໍລິຫານ ຢູ່ຫ້ອງການບໍລິການຜ່ານປະຕູດຽວ (2022)",
                    "km": "ច្បាប់ភូមិបាល (ឆ្នាំ២០០១) និងគោលការណ៍ណែនាំរបស់ក្រសួងមហាផ្ទៃ "
                    "ស្តីពីសេវារដ្ឋបាលនៅការិយាល័យច្រកចេញចូលតែមួយ (ឆ្នាំ២០២២)",
                },
                "service_standard_days": 30,
                "currency": "KHR",
                "fee": {"kind": "fixed", "amount": "200000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "ID cards of the seller and the buyer",
                            "lo": "ບັດປະຈຳຕົວຂອງຜູ້ໂອນ ແລະ ຜູ້ຮັບໂອນ",
                            "km": "អត្តសញ្ញាណប័ណ្ណរបស់អ្នកផ្ទេរ និងអ្នកទទួលផ្ទេរ",
                        },
                        "original_or_copy": "copy",
                        "copies": 2,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Family books of the seller and the buyer",
                            "lo": "ປຶ້ມສຳມະໂນຄົວຂອງຜູ້ໂອນ ແລະ ຜູ້ຮັບໂອນ",
                            "km": "សៀវភៅគ្រួសាររបស់អ្នកផ្ទេរ និងអ្នកទទួលផ្ទេរ",
                        },
                        "original_or_copy": "copy",
                        "copies": 2,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Transfer contract confirmed by the village and commune chiefs",
                            "lo": "ສັນຍາໂອນສິດ ທີ່ມີການຢັ້ງຢືນຂອງນາຍບ້ານ ແລະ ຫົວໜ້າຕາແສງ",
                            "km": "កិច្ចសន្យាផ្ទេរសិទ្ធិ ដែលមានការបញ្ជាក់ពីមេភូមិ និងមេឃុំ",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Earlier possession papers (sale letters, receipts)",
                            "lo": "ເອກະສານຄອບຄອງເດີມ (ໃບຊື້-ຂາຍ, ໃບຮັບເງິນ)",
                            "km": "ឯកសារកាន់កាប់ពីមុន (លិខិតទិញលក់ បង្កាន់ដៃ)",
                        },
                        "original_or_copy": "either",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["siem-reap-owso", "battambang-owso", "daun-penh-owso"],
                "channels": "counter",
                "online_form": False,
                "related": ["small-building-construction-permit", "certified-copies"],
            },
        ],
    },
    # Transport and vehicles ---------------------------------------------------------------------
    {
        "slug": "transport",
        "title": {
            "en": "Transport and vehicles",
            "lo": "ການຂົນສົ່ງ ແລະ ພາຫະນະ",
            "km": "ដឹកជញ្ជូន និងយានយន្ត",
        },
        "intro": {
            "en": "Register vehicles and get permits to carry passengers.",
            "lo": "ຂຶ້ນທະບຽນພາຫະນະ ແລະ ຂໍອະນຸຍາດຂົນສົ່ງຜູ້ໂດຍສານ.",
            "km": "ចុះបញ្ជីយានយន្ត និងស្នើសុំលិខិតអនុញ្ញាតដឹកជញ្ជូនអ្នកដំណើរ។",
        },
        "services": [
            {
                "slug": "vehicle-registration",
                "title": {
                    "en": "Vehicle registration and number plates",
                    "lo": "ການຂຶ້ນທະບຽນພາຫະນະ ແລະ ອອກປ້າຍທະບຽນ",
                    "km": "ការចុះបញ្ជីយានយន្ត និងការចេញស្លាកលេខ",
                },
                "summary": {
                    "en": "Register a new or imported vehicle in your name. You receive a vehicle "
                    "registration book and number plates.",
                    "lo": "ຂຶ້ນທະບຽນພາຫະນະໃໝ່ ຫຼື ພາຫະນະນຳເຂົ້າ ໃນນາມຂອງທ່ານ. "
                    "ທ່ານຈະໄດ້ຮັບປຶ້ມທະບຽນລົດ ແລະ ປ້າຍທະບຽນ.",
                    "km": "ចុះបញ្ជីយានយន្តថ្មី ឬយានយន្តនាំចូល ក្នុងនាមរបស់អ្នក។ "
                    "អ្នកនឹងទទួលបានសៀវភៅចុះបញ្ជីយានយន្ត និងស្លាកលេខ។",
                },
                "who_can_apply": {
                    "en": "Vehicle owners living in the district, with proof of purchase and of "
                    "customs clearance.",
                    "lo": "ເຈົ້າຂອງພາຫະນະ ທີ່ມີທີ່ຢູ່ໃນເມືອງ, ພ້ອມດ້ວຍເອກະສານການຊື້ ແລະ ໃບຢັ້ງຢືນການເສຍພາສີ.",
                    "km": "ម្ចាស់យានយន្តដែលរស់នៅក្នុងស្រុក ដោយមានឯកសារទិញ និងលិខិតបញ្ជាក់ការបង់ពន្ធគយ។",
                },
                "legal_basis": {
                    "en": "Law on Land Traffic, and rules of the Ministry of Public Works and "
                    "Transport on vehicle registration",
                    "lo": "ກົດໝາຍວ່າດ້ວຍການຈະລາຈອນທາງບົກ "
                    "ແລະ ລະບຽບການຂອງກະຊວງໂຍທາທິການ ແລະ ຂົນສົ່ງ ວ່າດ້ວຍການຂຶ້ນທະບຽນພາຫະນະ",
                    "km": "ច្បាប់ស្តីពីចរាចរណ៍ផ្លូវគោក "
                    "និងបទប្បញ្ញត្តិរបស់ក្រសួងសាធារណការ និងដឹកជញ្ជូន ស្តីពីការចុះបញ្ជីយានយន្ត",
                },
                "service_standard_days": 7,
                "currency": "LAK",
                "fee": {
                    "kind": "options",
                    "options": [
                        {
                            "label": {"en": "Motorcycle", "lo": "ລົດຈັກ", "km": "ម៉ូតូ"},
                            "amount": "150000",
                        },
                        {
                            "label": {
                                "en": "Car or pick-up",
                                "lo": "ລົດໃຫຍ່ ຫຼື ລົດກະບະ",
                                "km": "រថយន្ត ឬរថយន្តភីកអាប់",
                            },
                            "amount": "500000",
                        },
                        {
                            "label": {
                                "en": "Truck or bus",
                                "lo": "ລົດບັນທຸກ ຫຼື ລົດເມ",
                                "km": "រថយន្តដឹកទំនិញ ឬរថយន្តក្រុង",
                            },
                            "amount": "800000",
                        },
                    ],
                },
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _FAMILY_BOOK,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Certificate of customs clearance and import duties paid",
                            "lo": "ໃບຢັ້ງຢືນການເສຍພາສີ-ອາກອນ ນຳເຂົ້າ",
                            "km": "លិខិតបញ្ជាក់ការបង់ពន្ធគយ និងពន្ធនាំចូល",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Vehicle sales invoice",
                            "lo": "ໃບເກັບເງິນການຊື້ລົດ",
                            "km": "វិក្កយបត្រទិញយានយន្ត",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["xaysetha-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["residence-certificate"],
            },
            {
                "slug": "passenger-transport-permit",
                "title": {
                    "en": "Permit to carry passengers for hire",
                    "lo": "ໃບອະນຸຍາດຂົນສົ່ງຜູ້ໂດຍສານ",
                    "km": "លិខិតអនុញ្ញាតដឹកជញ្ជូនអ្នកដំណើរ",
                },
                "summary": {
                    "en": "A yearly permit for a tuk-tuk, minibus or bus that carries passengers "
                    "for money. You receive a permit and a sticker for the vehicle.",
                    "lo": "ໃບອະນຸຍາດປະຈຳປີ ສຳລັບລົດຕຸກຕຸກ, ລົດຕູ້ ຫຼື ລົດເມ "
                    "ທີ່ຮັບສົ່ງຜູ້ໂດຍສານເພື່ອເກັບຄ່າໂດຍສານ. "
                    "ທ່ານຈະໄດ້ຮັບໃບອະນຸຍາດ ແລະ ສະຕິກເກີ ສຳລັບຕິດພາຫະນະ.",
                    "km": "លិខិតអនុញ្ញាតប្រចាំឆ្នាំ សម្រាប់រ៉ឺម៉ក រថយន្តដឹកអ្នកដំណើរខ្នាតតូច "
                    "ឬរថយន្តក្រុង ដែលដឹកអ្នកដំណើរយកថ្លៃ។ "
                    "អ្នកនឹងទទួលបានលិខិតអនុញ្ញាត និងស្ទីគ័រសម្រាប់បិទលើយានយន្ត។",
                },
                "who_can_apply": {
                    "en": "Owners of passenger vehicles registered in the municipality.",
                    "lo": "ເຈົ້າຂອງພາຫະນະຂົນສົ່ງຜູ້ໂດຍສານ ທີ່ໄດ້ຂຶ້ນທະບຽນໃນເມືອງ.",
                    "km": "ម្ចាស់យានយន្តដឹកអ្នកដំណើរ ដែលបានចុះបញ្ជីនៅក្នុងក្រុង។",
                },
                "legal_basis": {
                    "en": "Law on Road Traffic (2015)",
                    "lo": "ກົດໝາຍວ່າດ້ວຍການຈະລາຈອນທາງບົກ (2015)",
                    "km": "ច្បាប់ស្តីពីចរាចរណ៍ផ្លូវគោក (ឆ្នាំ២០១៥)",
                },
                "service_standard_days": 7,
                "currency": "KHR",
                "fee": {
                    "kind": "options",
                    "options": [
                        {
                            "label": {
                                "en": "Tuk-tuk (motorcycle with trailer)",
                                "lo": "ລົດຕຸກຕຸກ (ລົດຈັກລາກກະບະ)",
                                "km": "រ៉ឺម៉ក (ម៉ូតូអូសរ៉ឺម៉ក)",
                            },
                            "amount": "40000",
                        },
                        {
                            "label": {
                                "en": "Minibus (up to 15 seats)",
                                "lo": "ລົດຕູ້ (ບໍ່ເກີນ 15 ບ່ອນນັ່ງ)",
                                "km": "រថយន្តដឹកអ្នកដំណើរខ្នាតតូច (មិនលើសពី ១៥ កៅអី)",
                            },
                            "amount": "200000",
                        },
                        {
                            "label": {"en": "Bus", "lo": "ລົດເມ", "km": "រថយន្តក្រុង"},
                            "amount": "400000",
                        },
                    ],
                },
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Vehicle registration card",
                            "lo": "ໃບທະບຽນພາຫະນະ",
                            "km": "ប័ណ្ណចុះបញ្ជីយានយន្ត",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Driving licence",
                            "lo": "ໃບຂັບຂີ່",
                            "km": "ប័ណ្ណបើកបរ",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Technical inspection certificate of the vehicle",
                            "lo": "ໃບຢັ້ງຢືນການກວດກາເຕັກນິກພາຫະນະ",
                            "km": "វិញ្ញាបនបត្រត្រួតពិនិត្យលក្ខណៈបច្ចេកទេសយានយន្ត",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["siem-reap-owso", "battambang-owso"],
                "channels": "both",
                "online_form": True,
                "related": ["tourism-business-licence"],
            },
        ],
    },
    # Labour and employment ----------------------------------------------------------------------
    {
        "slug": "labour",
        "title": {
            "en": "Labour and employment",
            "lo": "ແຮງງານ ແລະ ການຈ້າງງານ",
            "km": "ការងារ និងការងារធ្វើ",
        },
        "intro": {
            "en": "Internal work rules, work permits and help to find a job.",
            "lo": "ລະບຽບພາຍໃນຂອງວິສາຫະກິດ, ໃບອະນຸຍາດເຮັດວຽກ ແລະ ການຊ່ວຍເຫຼືອຊອກວຽກເຮັດ.",
            "km": "បទបញ្ជាផ្ទៃក្នុង លិខិតអនុញ្ញាតធ្វើការ និងជំនួយក្នុងការស្វែងរកការងារ។",
        },
        "services": [
            {
                "slug": "internal-work-rules",
                "title": {
                    "en": "Registration and endorsement of the internal work rules of an "
                    "enterprise with 8 to 100 workers",
                    "lo": "ການຈົດທະບຽນ ແລະ ຮັບຮອງລະບຽບພາຍໃນຂອງວິສາຫະກິດ ທີ່ມີກຳມະກອນ 8 ຫາ 100 ຄົນ",
                    "km": "ការចុះបញ្ជី និងចុះទិដ្ឋាការបទបញ្ជាផ្ទៃក្នុងរបស់សហគ្រាស "
                    "ដែលមានកម្មករនិយោជិតពី ៨ ដល់ ១០០ នាក់",
                },
                "summary": {
                    "en": "The labour office checks and endorses your enterprise's internal work "
                    "rules (working hours, leave, discipline, safety). Once endorsed, the rules "
                    "bind the employer and the workers.",
                    "lo": "ຫ້ອງການແຮງງານກວດກາ ແລະ ຮັບຮອງລະບຽບພາຍໃນຂອງວິສາຫະກິດທ່ານ "
                    "(ໂມງເຮັດວຽກ, ການພັກ, ວິໄນ, ຄວາມປອດໄພ). ເມື່ອໄດ້ຮັບການຮັບຮອງແລ້ວ "
                    "ລະບຽບດັ່ງກ່າວ ມີຜົນບັງຄັບໃຊ້ຕໍ່ນາຍຈ້າງ ແລະ ລູກຈ້າງ.",
                    "km": "មន្ត្រីការងារពិនិត្យ និងចុះទិដ្ឋាការលើបទបញ្ជាផ្ទៃក្នុងរបស់សហគ្រាសអ្នក "
                    "(ម៉ោងធ្វើការ ការឈប់សម្រាក វិន័យ និងសុវត្ថិភាព)។ "
                    "បទបញ្ជាដែលបានចុះទិដ្ឋាការ មានអានុភាពអនុវត្តចំពោះនិយោជក "
                    "និងកម្មករនិយោជិត។",
                },
                "who_can_apply": {
                    "en": "Employers with 8 to 100 workers, within three months of opening.",
                    "lo": "ນາຍຈ້າງ ທີ່ມີກຳມະກອນ 8 ຫາ 100 ຄົນ, ພາຍໃນ 3 ເດືອນ ນັບແຕ່ມື້ເປີດດຳເນີນກິດຈະການ.",
                    "km": "និយោជកដែលមានកម្មករនិយោជិតពី ៨ ដល់ ១០០ នាក់ ក្នុងរយៈពេល ៣ ខែ គិតចាប់ពីថ្ងៃបើកដំណើរការ។",
                },
                "legal_basis": {
                    "en": "Labour Law (1997)",
                    "lo": "ກົດໝາຍແຮງງານ (1997)",
                    "km": "ច្បាប់ស្តីពីការងារ (ឆ្នាំ១៩៩៧)",
                },
                "service_standard_days": 15,
                "currency": "KHR",
                "fee": {"kind": "fixed", "amount": "600000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Draft internal work rules in Khmer",
                            "lo": "ຮ່າງລະບຽບພາຍໃນ ເປັນພາສາຂະແມ",
                            "km": "សេចក្តីព្រាងបទបញ្ជាផ្ទៃក្នុង ជាភាសាខ្មែរ",
                        },
                        "original_or_copy": "original",
                        "copies": 3,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _COMMERCIAL_CERTIFICATE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Opinion of the workers' representatives on the draft",
                            "lo": "ຄຳເຫັນຂອງຜູ້ຕາງໜ້າກຳມະກອນ ຕໍ່ຮ່າງລະບຽບ",
                            "km": "មតិយោបល់របស់ប្រតិភូបុគ្គលិក លើសេចក្តីព្រាង",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                ],
                "offices": ["siem-reap-province-owsu", "battambang-owso"],
                "channels": "both",
                "online_form": True,
                "related": ["handicraft-registration", "tourism-business-licence"],
            },
            {
                "slug": "foreign-work-permit",
                "title": {
                    "en": "Work permit for a foreign worker",
                    "lo": "ການອອກໃບອະນຸຍາດເຮັດວຽກ ໃຫ້ແຮງງານຕ່າງປະເທດ",
                    "km": "ការចេញលិខិតអនុញ្ញាតធ្វើការ សម្រាប់ពលករបរទេស",
                },
                "summary": {
                    "en": "Permission for an enterprise to employ a foreign worker in a job that "
                    "cannot yet be filled by a Lao worker. You receive a work permit card valid "
                    "for up to one year.",
                    "lo": "ການອະນຸຍາດໃຫ້ວິສາຫະກິດຈ້າງແຮງງານຕ່າງປະເທດ "
                    "ໃນຕຳແໜ່ງທີ່ແຮງງານລາວຍັງບໍ່ສາມາດເຮັດໄດ້. "
                    "ທ່ານຈະໄດ້ຮັບບັດອະນຸຍາດເຮັດວຽກ ທີ່ມີອາຍຸບໍ່ເກີນ 1 ປີ.",
                    "km": "ការអនុញ្ញាតឱ្យសហគ្រាសជួលពលករបរទេស "
                    "ក្នុងមុខតំណែងដែលពលករឡាវមិនទាន់អាចបំពេញបាន។ "
                    "អ្នកនឹងទទួលបានប័ណ្ណការងារ ដែលមានសុពលភាពមិនលើសពី ១ ឆ្នាំ។",
                },
                "who_can_apply": {
                    "en": "Enterprises in the province that employ foreign workers, applying on "
                    "the worker's behalf.",
                    "lo": "ວິສາຫະກິດໃນແຂວງ ທີ່ຈ້າງແຮງງານຕ່າງປະເທດ, ເປັນຜູ້ຍື່ນຄຳຮ້ອງແທນແຮງງານ.",
                    "km": "សហគ្រាសនៅក្នុងខេត្ត ដែលជួលពលករបរទេស ដោយដាក់ពាក្យស្នើសុំជំនួសពលករ។",
                },
                "legal_basis": _LAW_LABOUR_LA,
                "service_standard_days": 10,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "800000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Worker's passport with a valid visa",
                            "lo": "ໜັງສືຜ່ານແດນຂອງແຮງງານ ພ້ອມວີຊາທີ່ຍັງມີຜົນສັກສິດ",
                            "km": "លិខិតឆ្លងដែនរបស់ពលករ ដែលមានទិដ្ឋាការនៅមានសុពលភាព",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Employment contract",
                            "lo": "ສັນຍາຈ້າງແຮງງານ",
                            "km": "កិច្ចសន្យាការងារ",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Health certificate",
                            "lo": "ໃບຢັ້ງຢືນສຸຂະພາບ",
                            "km": "លិខិតបញ្ជាក់សុខភាព",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _PHOTOS_LA,
                        "original_or_copy": "original",
                        "copies": 3,
                        "mandatory": True,
                        "accepted_types": _IMAGES,
                    },
                ],
                "offices": ["luang-prabang-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["enterprise-registration"],
            },
            {
                "slug": "job-seeker-registration",
                "title": {
                    "en": "Registration as a job seeker",
                    "lo": "ການຂຶ້ນທະບຽນຜູ້ຊອກວຽກເຮັດ",
                    "km": "ការចុះឈ្មោះជាអ្នកស្វែងរកការងារ",
                },
                "summary": {
                    "en": "Register with the employment service to hear about job vacancies and "
                    "vocational training courses. The service is free.",
                    "lo": "ຂຶ້ນທະບຽນນຳສູນບໍລິການຈັດຫາງານ ເພື່ອຮັບຂໍ້ມູນຕຳແໜ່ງງານຫວ່າງ "
                    "ແລະ ຫຼັກສູດຝຶກອົບຮົມສີມືແຮງງານ. ບໍ່ເສຍຄ່າທຳນຽມ.",
                    "km": "ចុះឈ្មោះជាមួយសេវាការងារ ដើម្បីទទួលព័ត៌មានអំពីការងារទំនេរ "
                    "និងវគ្គបណ្តុះបណ្តាលវិជ្ជាជីវៈ។ សេវានេះមិនគិតថ្លៃទេ។",
                },
                "who_can_apply": {
                    "en": "Lao citizens of working age who are looking for work.",
                    "lo": "ພົນລະເມືອງລາວ ທີ່ຢູ່ໃນໄວອອກແຮງງານ ແລະ ກຳລັງຊອກວຽກເຮັດ.",
                    "km": "ពលរដ្ឋឡាវដែលមានអាយុធ្វើការ និងកំពុងស្វែងរកការងារ។",
                },
                "legal_basis": _LAW_LABOUR_LA,
                "service_standard_days": 1,
                "currency": "LAK",
                "fee": {"kind": "free"},
                "documents": [
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _FAMILY_BOOK,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "CV or a short description of your skills",
                            "lo": "ຊີວະປະຫວັດຫຍໍ້ ຫຼື ຄຳອະທິບາຍສັ້ນໆກ່ຽວກັບທັກສະຂອງທ່ານ",
                            "km": "ប្រវត្តិរូបសង្ខេប ឬការពិពណ៌នាខ្លីអំពីជំនាញរបស់អ្នក",
                        },
                        "original_or_copy": "either",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Diplomas or training certificates",
                            "lo": "ໃບປະກາດ ຫຼື ໃບຢັ້ງຢືນການຝຶກອົບຮົມ",
                            "km": "សញ្ញាបត្រ ឬវិញ្ញាបនបត្របណ្តុះបណ្តាល",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["xaysetha-odsc", "luang-prabang-odsc"],
                "channels": "both",
                "online_form": True,
                "related": [],
            },
        ],
    },
    # Civil registration and residence -----------------------------------------------------------
    {
        "slug": "civil-registration",
        "title": {
            "en": "Civil registration and residence",
            "lo": "ທະບຽນຄອບຄົວ ແລະ ທີ່ຢູ່ອາໄສ",
            "km": "អត្រានុកូលដ្ឋាន និងទីលំនៅ",
        },
        "intro": {
            "en": "Births, certificates of residence, copies of civil records and border passes.",
            "lo": "ການແຈ້ງເກີດ, ໃບຢັ້ງຢືນທີ່ຢູ່, ສຳເນົາເອກະສານທະບຽນຄອບຄົວ ແລະ ບັດຜ່ານແດນ.",
            "km": "ការចុះបញ្ជីកំណើត លិខិតបញ្ជាក់ទីលំនៅ ច្បាប់ចម្លងសំបុត្រអត្រានុកូលដ្ឋាន និងប័ណ្ណឆ្លងដែន។",
        },
        "services": [
            {
                "slug": "residence-certificate",
                "title": {
                    "en": "Certificate of residence",
                    "lo": "ໃບຢັ້ງຢືນທີ່ຢູ່",
                    "km": "លិខិតបញ្ជាក់ទីលំនៅ",
                },
                "summary": {
                    "en": "An official letter confirming where you live, often asked for by "
                    "banks, schools and employers. It is issued on the basis of your family book.",
                    "lo": "ໜັງສືທາງການ ຢັ້ງຢືນບ່ອນຢູ່ຂອງທ່ານ ທີ່ທະນາຄານ, ໂຮງຮຽນ "
                    "ແລະ ນາຍຈ້າງ ມັກຮຽກຮ້ອງ. ອອກໃຫ້ໂດຍອີງໃສ່ປຶ້ມສຳມະໂນຄົວຂອງທ່ານ.",
                    "km": "លិខិតផ្លូវការបញ្ជាក់ពីទីកន្លែងដែលអ្នករស់នៅ ដែលធនាគារ សាលារៀន "
                    "និងនិយោជក តែងតែទាមទារ។ លិខិតនេះចេញដោយផ្អែកលើសៀវភៅគ្រួសាររបស់អ្នក។",
                },
                "who_can_apply": {
                    "en": "People whose names are in a family book in Xaysetha District.",
                    "lo": "ຜູ້ທີ່ມີຊື່ຢູ່ໃນປຶ້ມສຳມະໂນຄົວ ໃນເມືອງໄຊເສດຖາ.",
                    "km": "អ្នកដែលមានឈ្មោះក្នុងសៀវភៅគ្រួសារ នៅស្រុកសៃសេដ្ឋា។",
                },
                "legal_basis": _LAW_FAMILY_REGISTRATION_LA,
                "service_standard_days": 2,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "50000"},
                "documents": [
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _FAMILY_BOOK,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Letter from the village chief confirming your residence",
                            "lo": "ໜັງສືຢັ້ງຢືນທີ່ຢູ່ ຈາກນາຍບ້ານ",
                            "km": "លិខិតបញ្ជាក់ទីលំនៅពីមេភូមិ",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["xaysetha-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["birth-registration", "border-pass"],
            },
            {
                "slug": "birth-registration",
                "title": {
                    "en": "Birth registration",
                    "lo": "ການແຈ້ງເກີດ",
                    "km": "ការចុះបញ្ជីកំណើត",
                },
                "summary": {
                    "en": "Register the birth of a child and add the child to the family book. "
                    "You receive a birth certificate. Registration within 30 days of the birth is "
                    "free.",
                    "lo": "ແຈ້ງການເກີດຂອງເດັກ ແລະ ເພີ່ມຊື່ເດັກເຂົ້າໃນປຶ້ມສຳມະໂນຄົວ. "
                    "ທ່ານຈະໄດ້ຮັບໃບແຈ້ງເກີດ. ການແຈ້ງເກີດພາຍໃນ 30 ວັນ ນັບແຕ່ມື້ເກີດ "
                    "ແມ່ນບໍ່ເສຍຄ່າທຳນຽມ.",
                    "km": "ចុះបញ្ជីកំណើតកូន និងបញ្ចូលឈ្មោះកូនក្នុងសៀវភៅគ្រួសារ។ "
                    "អ្នកនឹងទទួលបានសំបុត្រកំណើត។ "
                    "ការចុះបញ្ជីក្នុងរយៈពេល ៣០ ថ្ងៃ ក្រោយថ្ងៃកំណើត គឺមិនគិតថ្លៃទេ។",
                },
                "who_can_apply": {
                    "en": "Parents or guardians of a child born in the district.",
                    "lo": "ພໍ່ແມ່ ຫຼື ຜູ້ປົກຄອງຂອງເດັກ ທີ່ເກີດໃນເມືອງ.",
                    "km": "ឪពុកម្តាយ ឬអាណាព្យាបាលរបស់កុមារ ដែលកើតនៅក្នុងស្រុក។",
                },
                "legal_basis": _LAW_FAMILY_REGISTRATION_LA,
                "service_standard_days": 3,
                "currency": "LAK",
                "fee": {"kind": "free"},
                "documents": [
                    {
                        "name": {
                            "en": "Birth notice from the hospital or midwife",
                            "lo": "ໃບຢັ້ງຢືນການເກີດ ຈາກໂຮງໝໍ ຫຼື ຜູ້ທຳຄອດ",
                            "km": "លិខិតបញ្ជាក់កំណើតពីមន្ទីរពេទ្យ ឬឆ្មប",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "ID cards of the father and the mother",
                            "lo": "ບັດປະຈຳຕົວຂອງພໍ່ ແລະ ແມ່",
                            "km": "អត្តសញ្ញាណប័ណ្ណរបស់ឪពុក និងម្តាយ",
                        },
                        "original_or_copy": "copy",
                        "copies": 2,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _FAMILY_BOOK,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Marriage certificate of the parents",
                            "lo": "ໃບທະບຽນສົມລົດຂອງພໍ່ແມ່",
                            "km": "សំបុត្រអាពាហ៍ពិពាហ៍របស់ឪពុកម្តាយ",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["xaysetha-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["residence-certificate"],
            },
            {
                "slug": "birth-certificate-copy",
                "title": {
                    "en": "Copy of a birth certificate",
                    "lo": "ສຳເນົາໃບແຈ້ງເກີດ",
                    "km": "ការចេញច្បាប់ចម្លងសំបុត្រកំណើត",
                },
                "summary": {
                    "en": "A certified copy of a birth certificate taken from the civil register, "
                    "for example to replace a lost or damaged one. You pay for each copy.",
                    "lo": "ສຳເນົາໃບແຈ້ງເກີດ ທີ່ມີການຢັ້ງຢືນ ຄັດອອກຈາກປຶ້ມທະບຽນ "
                    "ເຊັ່ນ ເພື່ອທົດແທນສະບັບທີ່ຫາຍ ຫຼື ຊຳລຸດ. ທ່ານຈ່າຍຄ່າທຳນຽມຕາມຈຳນວນສະບັບ.",
                    "km": "ច្បាប់ចម្លងសំបុត្រកំណើតដែលមានការបញ្ជាក់ "
                    "ដកស្រង់ពីបញ្ជីអត្រានុកូលដ្ឋាន ឧទាហរណ៍ ដើម្បីជំនួសច្បាប់ដែលបាត់ ឬខូច។ "
                    "អ្នកបង់ប្រាក់តាមចំនួនច្បាប់។",
                },
                "who_can_apply": {
                    "en": "The person named on the certificate, a parent, or someone with a "
                    "written authorisation.",
                    "lo": "ເຈົ້າຂອງຊື່ໃນໃບແຈ້ງເກີດ, ພໍ່ ຫຼື ແມ່, ຫຼື ຜູ້ທີ່ໄດ້ຮັບມອບສິດເປັນລາຍລັກອັກສອນ.",
                    "km": "សាមីខ្លួនដែលមានឈ្មោះក្នុងសំបុត្រ ឪពុក ឬម្តាយ ឬអ្នកដែលមានលិខិតប្រគល់សិទ្ធិ។",
                },
                "legal_basis": {
                    "en": "Sub-decree on Civil Status (2000)",
                    "lo": "ອະນຸດຳລັດວ່າດ້ວຍສະຖານະພາບພົນລະເມືອງ (2000)",
                    "km": "អនុក្រឹត្យស្តីពីអត្រានុកូលដ្ឋាន (ឆ្នាំ២០០០)",
                },
                "service_standard_days": 3,
                "currency": "KHR",
                "fee": {
                    "kind": "per_quantity",
                    "amount": "10000",
                    "unit": {"en": "copy", "lo": "ສະບັບ", "km": "ច្បាប់"},
                },
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _FAMILY_BOOK,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "The old birth certificate, if you still have it",
                            "lo": "ໃບແຈ້ງເກີດສະບັບເກົ່າ (ຖ້າມີ)",
                            "km": "សំបុត្រកំណើតចាស់ (ប្រសិនបើមាន)",
                        },
                        "original_or_copy": "either",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["daun-penh-owso", "siem-reap-owso", "battambang-owso"],
                "channels": "both",
                "online_form": True,
                "related": ["certified-copies"],
            },
            {
                "slug": "border-pass",
                "title": {
                    "en": "Border pass",
                    "lo": "ການອອກບັດຜ່ານແດນ",
                    "km": "ការចេញប័ណ្ណឆ្លងដែន",
                },
                "summary": {
                    "en": "A border pass lets you make short trips across the border into the "
                    "neighbouring provinces of a neighbouring country without a passport. You "
                    "receive a border pass booklet.",
                    "lo": "ບັດຜ່ານແດນ ອະນຸຍາດໃຫ້ທ່ານເດີນທາງຂ້າມແດນໄລຍະສັ້ນ "
                    "ເຂົ້າໄປແຂວງຊາຍແດນຂອງປະເທດໃກ້ຄຽງ ໂດຍບໍ່ຕ້ອງໃຊ້ໜັງສືຜ່ານແດນ. "
                    "ທ່ານຈະໄດ້ຮັບປຶ້ມບັດຜ່ານແດນ.",
                    "km": "ប័ណ្ណឆ្លងដែនអនុញ្ញាតឱ្យអ្នកធ្វើដំណើររយៈពេលខ្លី "
                    "ឆ្លងព្រំដែនទៅកាន់ខេត្តជាប់ព្រំដែននៃប្រទេសជិតខាង "
                    "ដោយមិនចាំបាច់មានលិខិតឆ្លងដែន។ អ្នកនឹងទទួលបានសៀវភៅប័ណ្ណឆ្លងដែន។",
                },
                "who_can_apply": {
                    "en": "Lao citizens whose family book is registered in a border province.",
                    "lo": "ພົນລະເມືອງລາວ ທີ່ມີປຶ້ມສຳມະໂນຄົວ ຢູ່ແຂວງຊາຍແດນ.",
                    "km": "ពលរដ្ឋឡាវ ដែលមានសៀវភៅគ្រួសារនៅខេត្តជាប់ព្រំដែន។",
                },
                "legal_basis": {
                    "en": "Border agreements with neighbouring countries, and rules of the "
                    "Ministry of Public Security",
                    "lo": "ສັນຍາວ່າດ້ວຍຊາຍແດນ ກັບປະເທດໃກ້ຄຽງ ແລະ ລະບຽບການຂອງກະຊວງປ້ອງກັນຄວາມສະຫງົບ",
                    "km": "កិច្ចព្រមព្រៀងស្តីពីព្រំដែនជាមួយប្រទេសជិតខាង និងបទប្បញ្ញត្តិរបស់ក្រសួងសន្តិសុខសាធារណៈ",
                },
                "service_standard_days": 3,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "100000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _FAMILY_BOOK,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _PHOTOS_LA,
                        "original_or_copy": "original",
                        "copies": 2,
                        "mandatory": True,
                        "accepted_types": _IMAGES,
                    },
                ],
                "offices": ["xaysetha-odsc", "luang-prabang-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["residence-certificate"],
            },
        ],
    },
    # Legalisation of documents ------------------------------------------------------------------
    {
        "slug": "legalisation",
        "title": {
            "en": "Legalisation of documents",
            "lo": "ການຢັ້ງຢືນເອກະສານ",
            "km": "នីត្យានុកូលកម្ម",
        },
        "intro": {
            "en": "Certified copies, and certification of documents and signatures.",
            "lo": "ການຢັ້ງຢືນສຳເນົາ, ເອກະສານ ແລະ ລາຍເຊັນ.",
            "km": "ការបញ្ជាក់ច្បាប់ចម្លង ឯកសារ និងហត្ថលេខា។",
        },
        "services": [
            {
                "slug": "certified-copies",
                "title": {
                    "en": "Certified copies of documents",
                    "lo": "ການຢັ້ງຢືນສຳເນົາເອກະສານ",
                    "km": "ការបញ្ជាក់ច្បាប់ចម្លងឯកសារ ត្រឹមត្រូវតាមច្បាប់ដើម",
                },
                "summary": {
                    "en": "An officer compares your copies with the originals and stamps each "
                    "copy as a true copy. You pay for each copy.",
                    "lo": "ພະນັກງານຈະກວດທຽບສຳເນົາກັບສະບັບຕົ້ນ "
                    "ແລະ ປະທັບຕາຢັ້ງຢືນແຕ່ລະສະບັບວ່າຖືກຕ້ອງຕາມສະບັບຕົ້ນ. "
                    "ທ່ານຈ່າຍຄ່າທຳນຽມຕາມຈຳນວນສະບັບ.",
                    "km": "មន្ត្រីនឹងផ្ទៀងផ្ទាត់ច្បាប់ចម្លងជាមួយច្បាប់ដើម "
                    "ហើយបោះត្រាបញ្ជាក់លើច្បាប់ចម្លងនីមួយៗថា ត្រឹមត្រូវតាមច្បាប់ដើម។ "
                    "អ្នកបង់ប្រាក់តាមចំនួនច្បាប់។",
                },
                "who_can_apply": {
                    "en": "Anyone who brings the original documents in person.",
                    "lo": "ທຸກຄົນ ທີ່ນຳເອົາເອກະສານສະບັບຕົ້ນມາດ້ວຍຕົນເອງ.",
                    "km": "អ្នកទាំងអស់ដែលយកឯកសារច្បាប់ដើមមកដោយផ្ទាល់។",
                },
                "legal_basis": _OWSO_GUIDELINE_KH,
                "service_standard_days": 1,
                "currency": "KHR",
                "fee": {
                    "kind": "per_quantity",
                    "amount": "10000",
                    "unit": {"en": "copy", "lo": "ສະບັບ", "km": "ច្បាប់"},
                },
                "documents": [
                    {
                        "name": {
                            "en": "Original documents",
                            "lo": "ເອກະສານສະບັບຕົ້ນ",
                            "km": "ឯកសារច្បាប់ដើម",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Photocopies to be certified",
                            "lo": "ສຳເນົາທີ່ຕ້ອງການຢັ້ງຢືນ",
                            "km": "ច្បាប់ចម្លងដែលត្រូវបញ្ជាក់",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["daun-penh-owso", "siem-reap-owso", "battambang-owso"],
                "channels": "counter",
                "online_form": False,
                "related": ["birth-certificate-copy"],
            },
            {
                "slug": "document-certification",
                "title": {
                    "en": "Certification of documents",
                    "lo": "ການຢັ້ງຢືນເອກະສານ",
                    "km": "ការបញ្ជាក់ឯកសារ",
                },
                "summary": {
                    "en": "An officer checks a document or a copy against the original and "
                    "certifies it with the office seal, so that you can use it in other "
                    "procedures. You pay for each document.",
                    "lo": "ພະນັກງານຈະກວດກາເອກະສານ ຫຼື ສຳເນົາ ທຽບກັບສະບັບຕົ້ນ "
                    "ແລະ ຢັ້ງຢືນດ້ວຍຕາປະທັບຂອງຫ້ອງການ ເພື່ອໃຫ້ທ່ານນຳໃຊ້ໃນການຂໍບໍລິການອື່ນໆ. "
                    "ທ່ານຈ່າຍຄ່າທຳນຽມຕາມຈຳນວນເອກະສານ.",
                    "km": "មន្ត្រីនឹងពិនិត្យឯកសារ ឬច្បាប់ចម្លងធៀបនឹងច្បាប់ដើម "
                    "ហើយបញ្ជាក់ដោយត្រារបស់ការិយាល័យ ដើម្បីឱ្យអ្នកអាចប្រើក្នុងនីតិវិធីផ្សេងៗ។ "
                    "អ្នកបង់ប្រាក់តាមចំនួនឯកសារ។",
                },
                "who_can_apply": {
                    "en": "Anyone who needs a certified document and can show the original.",
                    "lo": "ທຸກຄົນ ທີ່ຕ້ອງການເອກະສານທີ່ມີການຢັ້ງຢືນ ແລະ ສາມາດສະແດງສະບັບຕົ້ນໄດ້.",
                    "km": "អ្នកទាំងអស់ដែលត្រូវការឯកសារមានការបញ្ជាក់ និងអាចបង្ហាញច្បាប់ដើមបាន។",
                },
                "legal_basis": {
                    "en": "Prime Minister's Order No. 09/PM (2013) on the One Door Service, and "
                    "the Ministry of Home Affairs instruction (2013)",
                    "lo": "ຄຳສັ່ງຂອງນາຍົກລັດຖະມົນຕີ ສະບັບເລກທີ 09/ນຍ (2013) "
                    "ວ່າດ້ວຍການບໍລິການຜ່ານປະຕູດຽວ ແລະ ຄຳແນະນຳຂອງກະຊວງພາຍໃນ (2013)",
                    "km": "បញ្ជារបស់នាយករដ្ឋមន្ត្រី លេខ 09/PM (ឆ្នាំ២០១៣) "
                    "ស្តីពីសេវាច្រកចេញចូលតែមួយ និងសេចក្តីណែនាំរបស់ក្រសួងមហាផ្ទៃ (ឆ្នាំ២០១៣)",
                },
                "service_standard_days": 1,
                "currency": "LAK",
                "fee": {
                    "kind": "per_quantity",
                    "amount": "50000",
                    "unit": {"en": "document", "lo": "ສະບັບ", "km": "ឯកសារ"},
                },
                "documents": [
                    {
                        "name": {
                            "en": "Original documents",
                            "lo": "ເອກະສານສະບັບຕົ້ນ",
                            "km": "ឯកសារច្បាប់ដើម",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Copies to be certified",
                            "lo": "ສຳເນົາທີ່ຕ້ອງການຢັ້ງຢືນ",
                            "km": "ច្បាប់ចម្លងដែលត្រូវបញ្ជាក់",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": False,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": _ID_CARD,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["xaysetha-odsc", "luang-prabang-odsc"],
                "channels": "counter",
                "online_form": False,
                "related": ["residence-certificate"],
            },
        ],
    },
    # Seals, associations and administration -----------------------------------------------------
    {
        "slug": "administration",
        "title": {
            "en": "Seals, associations and administration",
            "lo": "ຕາປະທັບ, ສະມາຄົມ ແລະ ການບໍລິຫານ",
            "km": "ត្រា សមាគម និងរដ្ឋបាល",
        },
        "intro": {
            "en": "Permits for official seals and for setting up associations.",
            "lo": "ການອະນຸຍາດຕາປະທັບ ແລະ ການອະນຸຍາດສ້າງຕັ້ງສະມາຄົມ.",
            "km": "ការអនុញ្ញាតធ្វើត្រា និងការអនុញ្ញាតបង្កើតសមាគម។",
        },
        "services": [
            {
                "slug": "official-seal-permit",
                "title": {
                    "en": "Permit for an official seal (stamp)",
                    "lo": "ການອະນຸຍາດຕາປະທັບ",
                    "km": "ការអនុញ្ញាតធ្វើត្រា",
                },
                "summary": {
                    "en": "Permission to make and use a seal for an enterprise, association or "
                    "organisation. You receive a seal permit, and a sample of the seal is kept on "
                    "record so that documents you stamp can be verified.",
                    "lo": "ການອະນຸຍາດໃຫ້ເຮັດ ແລະ ນຳໃຊ້ຕາປະທັບ ຂອງວິສາຫະກິດ, ສະມາຄົມ "
                    "ຫຼື ອົງການຈັດຕັ້ງ. ທ່ານຈະໄດ້ຮັບໃບອະນຸຍາດຕາປະທັບ "
                    "ແລະ ຕົວຢ່າງຕາປະທັບຈະຖືກເກັບໄວ້ ເພື່ອໃຫ້ສາມາດຢັ້ງຢືນເອກະສານທີ່ທ່ານປະທັບຕາໄດ້.",
                    "km": "ការអនុញ្ញាតឱ្យធ្វើ និងប្រើប្រាស់ត្រារបស់សហគ្រាស សមាគម ឬអង្គការ។ "
                    "អ្នកនឹងទទួលបានលិខិតអនុញ្ញាតធ្វើត្រា ហើយគំរូត្រានឹងត្រូវរក្សាទុក "
                    "ដើម្បីឱ្យឯកសារដែលអ្នកបោះត្រា អាចផ្ទៀងផ្ទាត់បាន។",
                },
                "who_can_apply": {
                    "en": "Registered enterprises, associations and other organisations.",
                    "lo": "ວິສາຫະກິດ, ສະມາຄົມ ແລະ ອົງການຈັດຕັ້ງອື່ນໆ ທີ່ໄດ້ຈົດທະບຽນແລ້ວ.",
                    "km": "សហគ្រាស សមាគម និងអង្គការផ្សេងៗ ដែលបានចុះបញ្ជីរួច។",
                },
                "legal_basis": {
                    "en": "Decree on the Management and Use of Seals",
                    "lo": "ດຳລັດວ່າດ້ວຍການຄຸ້ມຄອງ ແລະ ນຳໃຊ້ຕາປະທັບ",
                    "km": "ក្រឹត្យស្តីពីការគ្រប់គ្រង និងការប្រើប្រាស់ត្រា",
                },
                "service_standard_days": 5,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "300000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ENTERPRISE_CERTIFICATE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Sample design of the seal",
                            "lo": "ແບບຕົວຢ່າງຕາປະທັບ",
                            "km": "គំរូត្រា",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "ID card or passport of the director",
                            "lo": "ບັດປະຈຳຕົວ ຫຼື ໜັງສືຜ່ານແດນຂອງຜູ້ອຳນວຍການ",
                            "km": "អត្តសញ្ញាណប័ណ្ណ ឬលិខិតឆ្លងដែនរបស់នាយក",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["xaysetha-odsc", "luang-prabang-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["enterprise-registration", "association-registration"],
            },
            {
                "slug": "association-registration",
                "title": {
                    "en": "Permit to establish an association",
                    "lo": "ການອະນຸຍາດສ້າງຕັ້ງສະມາຄົມ",
                    "km": "ការអនុញ្ញាតបង្កើតសមាគម",
                },
                "summary": {
                    "en": "Permission to set up a non-profit association at provincial level, "
                    "such as a professional, sports or community association. You receive a "
                    "permit and the approved charter of the association.",
                    "lo": "ການອະນຸຍາດສ້າງຕັ້ງສະມາຄົມທີ່ບໍ່ສະແຫວງຫາຜົນກຳໄລ ຂັ້ນແຂວງ "
                    "ເຊັ່ນ: ສະມາຄົມວິຊາຊີບ, ກິລາ ຫຼື ຊຸມຊົນ. "
                    "ທ່ານຈະໄດ້ຮັບໃບອະນຸຍາດ ແລະ ກົດລະບຽບຂອງສະມາຄົມ ທີ່ໄດ້ຮັບການຮັບຮອງ.",
                    "km": "ការអនុញ្ញាតឱ្យបង្កើតសមាគមមិនរកប្រាក់ចំណេញ នៅថ្នាក់ខេត្ត ដូចជា "
                    "សមាគមវិជ្ជាជីវៈ កីឡា ឬសហគមន៍។ "
                    "អ្នកនឹងទទួលបានលិខិតអនុញ្ញាត និងលក្ខន្តិកៈរបស់សមាគមដែលបានអនុម័ត។",
                },
                "who_can_apply": {
                    "en": "A founding committee of Lao citizens, for an association working "
                    "within one province.",
                    "lo": "ຄະນະກຳມະການສ້າງຕັ້ງ ທີ່ເປັນພົນລະເມືອງລາວ ຂອງສະມາຄົມທີ່ເຄື່ອນໄຫວພາຍໃນແຂວງດຽວ.",
                    "km": "គណៈកម្មការស្ថាបនិកដែលជាពលរដ្ឋឡាវ សម្រាប់សមាគមដែលធ្វើសកម្មភាពក្នុងខេត្តតែមួយ។",
                },
                "legal_basis": {
                    "en": "Decree on Associations (2017)",
                    "lo": "ດຳລັດວ່າດ້ວຍສະມາຄົມ (2017)",
                    "km": "ក្រឹត្យស្តីពីសមាគម (ឆ្នាំ២០១៧)",
                },
                "service_standard_days": 30,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "500000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Draft charter of the association",
                            "lo": "ຮ່າງກົດລະບຽບຂອງສະມາຄົມ",
                            "km": "សេចក្តីព្រាងលក្ខន្តិកៈរបស់សមាគម",
                        },
                        "original_or_copy": "original",
                        "copies": 2,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "List of founding members with their CVs",
                            "lo": "ລາຍຊື່ສະມາຊິກຜູ້ກໍ່ຕັ້ງ ພ້ອມຊີວະປະຫວັດຫຍໍ້",
                            "km": "បញ្ជីឈ្មោះសមាជិកស្ថាបនិក និងប្រវត្តិរូបសង្ខេប",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "ID cards of the founding members",
                            "lo": "ບັດປະຈຳຕົວຂອງສະມາຊິກຜູ້ກໍ່ຕັ້ງ",
                            "km": "អត្តសញ្ញាណប័ណ្ណរបស់សមាជិកស្ថាបនិក",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Letter from the village chief confirming the office address",
                            "lo": "ໜັງສືຢັ້ງຢືນທີ່ຕັ້ງສຳນັກງານ ຈາກນາຍບ້ານ",
                            "km": "លិខិតបញ្ជាក់អាសយដ្ឋានការិយាល័យពីមេភូមិ",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["luang-prabang-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["official-seal-permit"],
            },
        ],
    },
    # Environment and forests --------------------------------------------------------------------
    {
        "slug": "environment",
        "title": {
            "en": "Environment and forests",
            "lo": "ສິ່ງແວດລ້ອມ ແລະ ປ່າໄມ້",
            "km": "បរិស្ថាន និងព្រៃឈើ",
        },
        "intro": {
            "en": "Environmental certificates for small projects, and permits to move timber and "
            "forest products.",
            "lo": "ໃບຢັ້ງຢືນສິ່ງແວດລ້ອມ ສຳລັບໂຄງການຂະໜາດນ້ອຍ ແລະ ການອະນຸຍາດເຄື່ອນຍ້າຍໄມ້ ແລະ ເຄື່ອງປ່າຂອງດົງ.",
            "km": "វិញ្ញាបនបត្របរិស្ថានសម្រាប់គម្រោងខ្នាតតូច និងការអនុញ្ញាតដឹកជញ្ជូនឈើ និងអនុផលព្រៃឈើ។",
        },
        "services": [
            {
                "slug": "environmental-certificate",
                "title": {
                    "en": "Environmental compliance certificate for a small project",
                    "lo": "ໃບຢັ້ງຢືນການປະຕິບັດດ້ານສິ່ງແວດລ້ອມ ສຳລັບໂຄງການຂະໜາດນ້ອຍ",
                    "km": "វិញ្ញាបនបត្រអនុលោមភាពបរិស្ថាន សម្រាប់គម្រោងខ្នាតតូច",
                },
                "summary": {
                    "en": "Small projects such as workshops, guesthouses or small farms must show "
                    "how they will limit pollution and waste. Once your environmental management "
                    "plan is checked, you receive a certificate.",
                    "lo": "ໂຄງການຂະໜາດນ້ອຍ ເຊັ່ນ: ໂຮງງານນ້ອຍ, ເຮືອນພັກ ຫຼື ຟາມຂະໜາດນ້ອຍ "
                    "ຕ້ອງສະແດງວິທີຫຼຸດຜ່ອນມົນລະພິດ ແລະ ສິ່ງເສດເຫຼືອ. "
                    "ຫຼັງຈາກກວດແຜນຄຸ້ມຄອງສິ່ງແວດລ້ອມຂອງທ່ານແລ້ວ ທ່ານຈະໄດ້ຮັບໃບຢັ້ງຢືນ.",
                    "km": "គម្រោងខ្នាតតូច ដូចជា រោងជាង ផ្ទះសំណាក់ ឬកសិដ្ឋានតូចៗ "
                    "ត្រូវបង្ហាញពីរបៀបកាត់បន្ថយការបំពុល និងកាកសំណល់។ "
                    "បន្ទាប់ពីពិនិត្យផែនការគ្រប់គ្រងបរិស្ថានរបស់អ្នក "
                    "អ្នកនឹងទទួលបានវិញ្ញាបនបត្រ។",
                },
                "who_can_apply": {
                    "en": "Owners of small investment projects that do not need a full "
                    "environmental impact assessment.",
                    "lo": "ເຈົ້າຂອງໂຄງການລົງທຶນຂະໜາດນ້ອຍ "
                    "ທີ່ບໍ່ຈຳເປັນຕ້ອງເຮັດການປະເມີນຜົນກະທົບຕໍ່ສິ່ງແວດລ້ອມແບບເຕັມຮູບແບບ.",
                    "km": "ម្ចាស់គម្រោងវិនិយោគខ្នាតតូច ដែលមិនតម្រូវឱ្យធ្វើការវាយតម្លៃហេតុប៉ះពាល់បរិស្ថានពេញលេញ។",
                },
                "legal_basis": {
                    "en": "Law on Environmental Protection (2012)",
                    "lo": "ກົດໝາຍວ່າດ້ວຍການປົກປັກຮັກສາສິ່ງແວດລ້ອມ (2012)",
                    "km": "ច្បាប់ស្តីពីការការពារបរិស្ថាន (ឆ្នាំ២០១២)",
                },
                "service_standard_days": 20,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "1000000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Environmental management plan",
                            "lo": "ແຜນຄຸ້ມຄອງສິ່ງແວດລ້ອມ",
                            "km": "ផែនការគ្រប់គ្រងបរិស្ថាន",
                        },
                        "original_or_copy": "original",
                        "copies": 2,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": _ENTERPRISE_CERTIFICATE,
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "Map of the project site",
                            "lo": "ແຜນທີ່ສະຖານທີ່ຕັ້ງໂຄງການ",
                            "km": "ផែនទីទីតាំងគម្រោង",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["luang-prabang-odsc", "xaysetha-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["construction-permit", "guesthouse-restaurant-licence"],
            },
            {
                "slug": "forest-products-transport-permit",
                "title": {
                    "en": "Permit to move timber and forest products",
                    "lo": "ການອະນຸຍາດເຄື່ອນຍ້າຍໄມ້ ແລະ ເຄື່ອງປ່າຂອງດົງ",
                    "km": "ការអនុញ្ញាតដឹកជញ្ជូនឈើ និងអនុផលព្រៃឈើ",
                },
                "summary": {
                    "en": "A permit to move legally obtained timber or other forest products, "
                    "such as bamboo or rattan, from one place to another. The permit must travel "
                    "with the goods.",
                    "lo": "ໃບອະນຸຍາດເຄື່ອນຍ້າຍໄມ້ ຫຼື ເຄື່ອງປ່າຂອງດົງ ເຊັ່ນ: ໄມ້ໄຜ່ ຫຼື ຫວາຍ "
                    "ທີ່ໄດ້ມາຢ່າງຖືກຕ້ອງ ຈາກບ່ອນໜຶ່ງໄປຫາອີກບ່ອນໜຶ່ງ. "
                    "ໃບອະນຸຍາດຕ້ອງໄປພ້ອມກັບສິນຄ້າສະເໝີ.",
                    "km": "លិខិតអនុញ្ញាតសម្រាប់ដឹកជញ្ជូនឈើ ឬអនុផលព្រៃឈើ ដូចជា ឫស្សី ឬផ្តៅ "
                    "ដែលទទួលបានដោយស្របច្បាប់ ពីកន្លែងមួយទៅកន្លែងមួយទៀត។ "
                    "លិខិតអនុញ្ញាតត្រូវភ្ជាប់ជាមួយទំនិញជានិច្ច។",
                },
                "who_can_apply": {
                    "en": "Traders, sawmills and villagers who can show where the timber or "
                    "products come from.",
                    "lo": "ພໍ່ຄ້າ, ໂຮງເລື່ອຍໄມ້ ແລະ ຊາວບ້ານ ທີ່ສາມາດສະແດງແຫຼ່ງທີ່ມາຂອງໄມ້ ຫຼື ເຄື່ອງປ່າຂອງດົງໄດ້.",
                    "km": "ឈ្មួញ រោងអារឈើ និងប្រជាពលរដ្ឋ ដែលអាចបង្ហាញប្រភពនៃឈើ ឬអនុផលព្រៃឈើបាន។",
                },
                "legal_basis": {
                    "en": "Law on Forestry (2019)",
                    "lo": "ກົດໝາຍວ່າດ້ວຍປ່າໄມ້ (2019)",
                    "km": "ច្បាប់ស្តីពីព្រៃឈើ (ឆ្នាំ២០១៩)",
                },
                "service_standard_days": 3,
                "currency": "LAK",
                "fee": {"kind": "fixed", "amount": "200000"},
                "documents": [
                    {
                        "name": _APPLICATION_FORM,
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Proof of origin (cutting permit or purchase invoice)",
                            "lo": "ເອກະສານຢັ້ງຢືນແຫຼ່ງທີ່ມາ (ໃບອະນຸຍາດຕັດໄມ້ ຫຼື ໃບເກັບເງິນການຊື້)",
                            "km": "ឯកសារបញ្ជាក់ប្រភព (លិខិតអនុញ្ញាតកាប់ ឬវិក្កយបត្រទិញ)",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                    {
                        "name": {
                            "en": "List of the goods with their quantities",
                            "lo": "ບັນຊີລາຍການສິນຄ້າ ພ້ອມຈຳນວນ",
                            "km": "បញ្ជីទំនិញ និងបរិមាណ",
                        },
                        "original_or_copy": "original",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": ["pdf"],
                    },
                    {
                        "name": {
                            "en": "Registration card of the transport vehicle",
                            "lo": "ໃບທະບຽນພາຫະນະຂົນສົ່ງ",
                            "km": "ប័ណ្ណចុះបញ្ជីយានយន្តដឹកជញ្ជូន",
                        },
                        "original_or_copy": "copy",
                        "copies": 1,
                        "mandatory": True,
                        "accepted_types": _ALL_TYPES,
                    },
                ],
                "offices": ["luang-prabang-odsc"],
                "channels": "both",
                "online_form": True,
                "related": ["environmental-certificate"],
            },
        ],
    },
]
