public enum StudyPlaceholder {}
