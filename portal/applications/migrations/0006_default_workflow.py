"""The default workflow: the Cambodian one-window chain, with the groups that act on it."""

from django.db import migrations

# (name in English, Lao, Khmer), kind, group, working days, may return, refer, reject
STAGES = [
    (("Registration", "ການລົງທະບຽນ", "ការចុះបញ្ជីសេវា"), "intake", "Registration officers", 1, True, False, False),
    (("Cashier", "ການເກັບຄ່າທຳນຽມ", "បេឡា"), "payment", "Cashiers", 1, False, False, False),
    (("Office chief's check", "ຫົວໜ້າຫ້ອງການກວດສອບ", "ប្រធានពិនិត្យ"), "review", "Office chiefs", 1, True, False, False),
    (("Technical review", "ການກວດສອບທາງວິຊາການ", "ពិនិត្យបច្ចេកទេស"), "review", "Technical officers", 5, True, True, False),
    (("Office chief's opinion", "ຄຳເຫັນຂອງຫົວໜ້າຫ້ອງການ", "យោបល់ប្រធាន"), "approval", "Office chiefs", 1, True, False, False),
    (("Administrative director's opinion", "ຄຳເຫັນຂອງຜູ້ອຳນວຍການບໍລິຫານ", "យោបល់នាយករដ្ឋបាល"), "approval", "Administrative directors", 1, True, False, False),
    (("Authorised decision", "ການຕັດສິນຂອງຜູ້ມີສິດອຳນາດ", "យោបល់អ្នកមានសិទ្ធិសំរេច"), "decision", "Decision-makers", 1, False, False, True),
    (("Returned to the customer", "ສົ່ງຄືນໃຫ້ຜູ້ຍື່ນຄຳຮ້ອງ", "ឯកសារត្រលប់ជូនអតិថិជន"), "issuance", "Registration officers", 1, False, False, False),
]  # fmt: skip


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("applications", "Workflow")
    Stage = apps.get_model("applications", "Stage")
    if Workflow.objects.filter(is_default=True).exists():
        return
    workflow = Workflow.objects.create(
        name="One-window chain",
        description="Registration, cashier, chief's check, technical review, chief's and "
        "director's opinions, the authorised decision, and the result returned to the customer.",
        is_default=True,
    )
    for order, (names, kind, group, days, can_return, can_refer, can_reject) in enumerate(STAGES):
        Stage.objects.create(
            workflow=workflow,
            sort_order=order,
            name=names[0],
            name_lo=names[1],
            name_km=names[2],
            kind=kind,
            group=Group.objects.get_or_create(name=group)[0],
            sla_days=days,
            can_return=can_return,
            can_refer=can_refer,
            can_reject=can_reject,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_workflows_and_stages"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
