use std::collections::HashSet;

use super::*;
use crate::decode::ExportFormat;
use crate::rules::network::NetworkRule;
use crate::rules::Category;

fn any_aet(host: &str, public: bool) -> Evidence {
    Evidence::NetworkExposure {
        rule: NetworkRule::AnyAet,
        host: host.into(),
        port: 104,
        public_address: public,
        severity: Severity::Critical,
        evidence: "config: Any AET is accepted (Insecure)".into(),
    }
}

fn answer(state: ChecklistState, step: &str, answer: Answer) -> ChecklistState {
    state.apply(Event::Answer {
        step: step.into(),
        answer,
    })
}

/// Answer every step of the current path with `a`, moving with Next as the UI does.
fn walk(mut state: ChecklistState, a: impl Fn(&Step) -> Answer) -> ChecklistState {
    while let Some(step) = state.current_step() {
        state = answer(state, step.id, a(step)).apply(Event::Next);
    }
    state
}

#[test]
fn every_step_is_complete_and_ids_are_unique() {
    let mut ids = HashSet::new();
    for step in PATIENT_STEPS.iter().chain(OFFICE_STEPS) {
        assert!(ids.insert(step.id), "duplicate id {}", step.id);
        for (name, text) in [
            ("title", step.title),
            ("question", step.question),
            ("why", step.why),
            ("how_to_check", step.how_to_check),
            ("if_not", step.if_not),
        ] {
            assert!(!text.trim().is_empty(), "{} has an empty {name}", step.id);
        }
        assert!(!step.sources.is_empty(), "{} has no source", step.id);
        assert!(
            step.question.ends_with('?'),
            "{} is not a question",
            step.id
        );
    }
    assert!(PATIENT_STEPS.iter().all(|s| s.id.starts_with("P-")));
    assert!(OFFICE_STEPS.iter().all(|s| s.id.starts_with("O-")));
}

#[test]
fn office_steps_carry_the_outside_scan_command() {
    let step = find_step("O-CHECK-OUTSIDE").unwrap();
    assert!(step.how_to_check.contains(steps::NMAP_FROM_OUTSIDE));
    assert!(steps::NMAP_FROM_OUTSIDE.contains("-p 104,2761,2762,4242,11112,80,443,8042,8080 "));
    for meaning in [
        "Any AET is accepted (Insecure)",
        "Called AET check enabled",
        "filtered",
    ] {
        assert!(step.how_to_check.contains(meaning), "{meaning}");
    }
    let patient = find_step("P-CHECK-FILES").unwrap();
    assert!(patient.how_to_check.contains("Drop the files"));
}

#[test]
fn patient_path_walks_from_start_to_end() {
    let state = ChecklistState::new(Path::Patient);
    assert_eq!(state.current_step().unwrap().id, "P-LOGIN");
    let state = walk(state, |_| Answer::Yes);
    assert!(state.is_finished());
    assert_eq!(state.current, PATIENT_STEPS.len());
    // Next at the end stays on the summary; Back returns to the last step.
    let state = state.apply(Event::Next);
    assert_eq!(state.current, PATIENT_STEPS.len());
    let state = state.apply(Event::Back);
    assert_eq!(state.current_step().unwrap().id, "P-IF-EXPOSED");
    let sc = score(&state);
    assert_eq!(
        (sc.yes, sc.total, sc.percent),
        (PATIENT_STEPS.len(), PATIENT_STEPS.len(), 100)
    );
    assert!(action_plan(&state).is_empty());
}

#[test]
fn office_path_walks_from_start_to_end_and_back() {
    let mut state = ChecklistState::new(Path::Office);
    for _ in 0..OFFICE_STEPS.len() {
        state = state.apply(Event::Next);
    }
    assert!(state.is_finished());
    for _ in 0..OFFICE_STEPS.len() + 3 {
        state = state.apply(Event::Back);
    }
    assert_eq!(state.current, 0);
    let state = state.apply(Event::Goto("O-BACKUP".into()));
    assert_eq!(state.current_step().unwrap().id, "O-BACKUP");
    // A patient step is not on this path: Goto ignores it.
    let state = state.apply(Event::Goto("P-LOGIN".into()));
    assert_eq!(state.current_step().unwrap().id, "O-BACKUP");
    let state = walk(state.apply(Event::Goto("O-NO-PUBLIC-DICOM".into())), |_| {
        Answer::No
    });
    assert_eq!(score(&state).no, OFFICE_STEPS.len());
    assert_eq!(action_plan(&state).len(), OFFICE_STEPS.len());
}

#[test]
fn public_any_aet_fails_the_dicom_step_as_critical() {
    let state = ChecklistState::new(Path::Office)
        .apply(Event::ApplyEvidence(vec![any_aet("203.0.113.9", true)]));
    let view = state.view(0).unwrap();
    assert_eq!(view.step.id, "O-NO-PUBLIC-DICOM");
    assert_eq!(view.state.answer, Some(Answer::No));
    assert!(view.state.answered_by_evidence);
    assert_eq!(
        view.state.from_evidence,
        Some(EvidenceMark {
            verdict: Verdict::Fails,
            severity: Severity::Critical
        })
    );
    assert_eq!(
        view.evidence_summary,
        vec!["nmap: 203.0.113.9:104 accepts any AE title (public address)".to_string()]
    );
    let plan = action_plan(&state);
    assert_eq!(plan[0].step_id, "O-NO-PUBLIC-DICOM");
    assert_eq!(plan[0].severity, Severity::Critical);
    assert_eq!(
        plan[0].reason,
        "the scan shows nmap: 203.0.113.9:104 accepts any AE title (public address)"
    );
    // The AE title step fails too; the patient path is untouched.
    assert_eq!(state.step_state("O-AE-ALLOWLIST").answer, Some(Answer::No));
    assert_eq!(state.step_state("P-LOGIN"), StepState::default());
}

#[test]
fn private_any_aet_only_flags_and_asks_to_confirm() {
    let state = ChecklistState::new(Path::Office)
        .apply(Event::ApplyEvidence(vec![any_aet("192.168.1.20", false)]));
    let s = state.step_state("O-NO-PUBLIC-DICOM");
    assert_eq!(s.answer, None);
    assert_eq!(s.from_evidence.unwrap().verdict, Verdict::Flags);
    let view = state.view(0).unwrap();
    assert!(view.evidence_summary[0].contains("confirm it is not reachable from outside"));
    let action = action_plan(&state)
        .into_iter()
        .find(|a| a.step_id == "O-NO-PUBLIC-DICOM")
        .unwrap();
    assert_eq!(action.severity, Severity::Medium);
    assert!(action
        .reason
        .starts_with("the scan shows nmap: 192.168.1.20:104"));
    // Answering the flagged step acknowledges it: the flag leaves the plan.
    let state = answer(state, "O-NO-PUBLIC-DICOM", Answer::Yes);
    assert!(state.step_state("O-NO-PUBLIC-DICOM").overridden);
    assert!(action_plan(&state)
        .iter()
        .all(|a| a.step_id != "O-NO-PUBLIC-DICOM"));
}

#[test]
fn other_evidence_fails_or_flags_its_steps() {
    let evidence = vec![
        Evidence::NetworkExposure {
            rule: NetworkRule::PacsWebOpen,
            host: "203.0.113.9".into(),
            port: 8042,
            public_address: true,
            severity: Severity::High,
            evidence: "http-title: Orthanc Explorer".into(),
        },
        Evidence::QueryExportListsPeople {
            file_name: "find.txt".into(),
            format: ExportFormat::DcmtkFindscu,
            people: 3,
            records: 4,
        },
        Evidence::FilesWithIdentifiers {
            files: 12,
            people: 1,
            worst_severity: Severity::Critical,
            categories: vec![Category::Names, Category::Dates],
        },
        Evidence::BurnedInText { files: 2 },
        Evidence::BrokenDeidentification { files: 1 },
    ];
    let state = ChecklistState::new(Path::Office).apply(Event::ApplyEvidence(evidence));
    assert_eq!(state.step_state("O-NO-PUBLIC-WEB").answer, Some(Answer::No));
    assert_eq!(
        state.step_state("O-QUERY-RESTRICTED").answer,
        Some(Answer::No)
    );
    assert_eq!(state.step_state("O-DEIDENTIFY").answer, Some(Answer::No));
    assert_eq!(
        state
            .step_state("O-WEB-AUTH")
            .from_evidence
            .unwrap()
            .verdict,
        Verdict::Flags
    );
    let deid = state
        .views()
        .into_iter()
        .find(|v| v.step.id == "O-DEIDENTIFY")
        .unwrap();
    assert_eq!(
        deid.evidence_summary,
        vec![
            "12 image files identify 1 person: names, dates".to_string(),
            "2 images have text burned into the pixels, which removing header fields does not \
             remove"
                .to_string(),
            "1 file claims to be de-identified but still carries identifiers".to_string(),
        ]
    );
    // The patient's "check before sharing" is flagged, with the burned-in note beside it.
    let patient = state.apply(Event::ChoosePath(Path::Patient));
    let check = patient.view(3).unwrap();
    assert_eq!(check.step.id, "P-CHECK-FILES");
    assert_eq!(check.state.answer, None);
    assert_eq!(check.state.from_evidence.unwrap().verdict, Verdict::Flags);
    assert_eq!(check.evidence_summary.len(), 3);
}

#[test]
fn override_keeps_the_note_and_survives_new_evidence() {
    let evidence = vec![Evidence::QueryExportListsPeople {
        file_name: "find.txt".into(),
        format: ExportFormat::DcmtkFindscu,
        people: 3,
        records: 4,
    }];
    let state = ChecklistState::new(Path::Office)
        .apply(Event::ApplyEvidence(evidence.clone()))
        .apply(Event::Override {
            step: "O-QUERY-RESTRICTED".into(),
            answer: Answer::Yes,
            note: "Query ran from our own registered workstation".into(),
        })
        .apply(Event::ApplyEvidence(evidence));
    let s = state.step_state("O-QUERY-RESTRICTED");
    assert_eq!(s.answer, Some(Answer::Yes));
    assert!(s.overridden);
    assert!(!s.answered_by_evidence);
    assert_eq!(s.note, "Query ran from our own registered workstation");
    assert!(s.from_evidence.is_some());
    assert!(action_plan(&state)
        .iter()
        .all(|a| a.step_id != "O-QUERY-RESTRICTED"));
    // When the evidence goes away, an evidence-set answer goes with it; a user's stays.
    let state = state.apply(Event::ApplyEvidence(vec![any_aet("203.0.113.9", true)]));
    assert_eq!(
        state.step_state("O-QUERY-RESTRICTED").answer,
        Some(Answer::Yes)
    );
    let state = state.apply(Event::ApplyEvidence(Vec::new()));
    assert_eq!(state.step_state("O-NO-PUBLIC-DICOM").answer, None);
}

#[test]
fn score_leaves_out_steps_that_do_not_apply() {
    let state = ChecklistState::new(Path::Patient);
    let state = answer(state, "P-LOGIN", Answer::Yes);
    let state = answer(state, "P-RISK-ASSESSMENT", Answer::No);
    let state = answer(state, "P-PORTAL", Answer::NotSure);
    let state = answer(state, "P-CHECK-FILES", Answer::NotApplicable);
    assert_eq!(
        score(&state),
        Score {
            answered: 3,
            total: 4,
            yes: 1,
            no: 1,
            not_sure: 1,
            not_applicable: 1,
            percent: 25,
        }
    );
    assert_eq!(score(&ChecklistState::default()), Score::default());
    // Answers of the other path do not count.
    let state = answer(state, "O-BACKUP", Answer::Yes);
    assert_eq!(score(&state).yes, 1);
}

#[test]
fn action_plan_is_ordered_by_severity_then_step_order() {
    let state = ChecklistState::new(Path::Office);
    let state = answer(state, "O-DEIDENTIFY", Answer::No); // high
    let state = answer(state, "O-BACKUP", Answer::NotSure); // medium
    let state = answer(state, "O-SEGMENT", Answer::No); // medium, earlier
    let state = answer(state, "O-REMOTE-VPN", Answer::No); // high, earlier
    let state = answer(state, "O-CHECK-OUTSIDE", Answer::Yes);
    let state = state.apply(Event::ApplyEvidence(vec![any_aet("203.0.113.9", true)]));
    let plan = action_plan(&state);
    let ids: Vec<&str> = plan.iter().map(|a| a.step_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "O-NO-PUBLIC-DICOM",
            "O-AE-ALLOWLIST",
            "O-REMOTE-VPN",
            "O-DEIDENTIFY",
            "O-SEGMENT",
            "O-BACKUP",
        ]
    );
    assert_eq!(plan[2].reason, "you answered no");
    assert_eq!(plan[5].reason, "you answered not sure");
    let text = render_plan_text(&state);
    assert!(text.starts_with("Checklist: Imaging office\n"));
    assert!(text.contains("1. [CRITICAL] No DICOM port reachable from the Internet"));
    assert!(text.contains("Not answered yet"));
}

#[test]
fn letter_asks_what_was_answered_no_or_not_sure() {
    let state = ChecklistState::new(Path::Patient);
    let state = answer(state, "P-LOGIN", Answer::No);
    let state = answer(state, "P-RISK-ASSESSMENT", Answer::NotSure);
    let state = answer(state, "P-PORTAL", Answer::Yes);
    let state = answer(state, "P-IF-EXPOSED", Answer::Yes);
    let letter = provider_letter(&state);
    assert!(letter.contains("1. My images can be viewed online without my own login"));
    assert!(letter.contains("2. Have you, and the imaging centre"));
    assert!(!letter.contains("3. "));
    assert!(!letter.contains("patient portal with my own account"));
    assert!(letter.contains("[your name]"));
    assert_eq!(
        letter.matches('[').count(),
        1,
        "only the signature is blank"
    );

    let all_yes = walk(ChecklistState::new(Path::Patient), |_| Answer::Yes);
    let letter = provider_letter(&all_yes);
    assert!(letter.contains("confirm in writing"));
}

#[test]
fn storage_round_trip_holds_no_evidence() {
    let state = ChecklistState::new(Path::Office)
        .apply(Event::ApplyEvidence(vec![
            any_aet("203.0.113.9", true),
            Evidence::ServerInfo {
                file_name: "system.json".into(),
                text: "Orthanc 1.5.6".into(),
            },
        ]))
        .apply(Event::Override {
            step: "O-AE-ALLOWLIST".into(),
            answer: Answer::NotSure,
            note: "vendor checks this".into(),
        });
    let state = answer(state, "O-BACKUP", Answer::Yes)
        .apply(Event::Note {
            step: "O-BACKUP".into(),
            text: "USB disk in the safe".into(),
        })
        .apply(Event::Goto("O-PATCH".into()));
    let json = to_storage_json(&state);
    for secret in [
        "203.0.113.9",
        "Any AET",
        "system.json",
        "Orthanc 1.5.6",
        "from_evidence",
        "evidence",
    ] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
    assert!(json.contains("\"version\":1"));
    let loaded = from_storage_json(&json).unwrap();
    assert_eq!(loaded.path, Some(Path::Office));
    assert_eq!(loaded.current, state.current);
    assert!(loaded.evidence.is_empty());
    // The evidence-set "no" is not stored; re-applying the evidence brings it back.
    assert_eq!(loaded.step_state("O-NO-PUBLIC-DICOM").answer, None);
    let reloaded = loaded.apply(Event::ApplyEvidence(state.evidence.clone()));
    assert_eq!(reloaded, state);
    assert_eq!(to_storage_json(&reloaded), json);
}

#[test]
fn bad_storage_is_an_error_not_a_panic() {
    for bad in [
        "",
        "garbage",
        "[]",
        "{}",
        "{\"version\":0,\"path\":null,\"current\":0,\"steps\":{}}",
        "{\"version\":2,\"path\":\"office\",\"current\":0,\"steps\":{}}",
        "{\"version\":\"1\"}",
        "{\"version\":1,\"path\":\"doctor\",\"current\":0,\"steps\":{}}",
        "{\"version\":1,\"path\":null,\"current\":-1,\"steps\":{}}",
        "{\"version\":1,\"path\":null,\"current\":0,\"steps\":{\"P-LOGIN\":{\"answer\":\"maybe\"}}}",
    ] {
        assert!(from_storage_json(bad).is_err(), "{bad}");
    }
    // Unknown steps are dropped and `current` is kept in range.
    let ok = from_storage_json(
        "{\"version\":1,\"path\":\"patient\",\"current\":99,\
         \"steps\":{\"P-GONE\":{\"answer\":\"yes\"},\"P-LOGIN\":{\"answer\":\"no\"}}}",
    )
    .unwrap();
    assert_eq!(ok.current, PATIENT_STEPS.len());
    assert_eq!(ok.answers.len(), 1);
    assert_eq!(ok.step_state("P-LOGIN").answer, Some(Answer::No));
}

#[test]
fn reset_clears_everything() {
    let state = ChecklistState::new(Path::Office)
        .apply(Event::ApplyEvidence(vec![any_aet("203.0.113.9", true)]))
        .apply(Event::Note {
            step: "O-BACKUP".into(),
            text: "x".into(),
        })
        .apply(Event::Next)
        .apply(Event::Reset);
    assert_eq!(state, ChecklistState::default());
    assert!(state.steps().is_empty());
    assert!(state.current_step().is_none());
    assert_eq!(render_plan_text(&state), "No checklist chosen yet.\n");
}

#[test]
fn unknown_steps_are_ignored() {
    let state = ChecklistState::new(Path::Patient);
    let after = answer(state.clone(), "NOPE", Answer::Yes).apply(Event::Note {
        step: "NOPE".into(),
        text: "x".into(),
    });
    assert_eq!(after, state);
}
