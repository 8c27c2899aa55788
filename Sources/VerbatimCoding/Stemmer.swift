import CStemmer
